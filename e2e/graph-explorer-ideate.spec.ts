import { GAP_CHALLENGE, seedExplorerGraph } from './graph-explorer-seed.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';
import { expect } from '@playwright/test';

const test = scriptedAppTest({ section: 'graph', seed: seedExplorerGraph });
test.use({ scenarioFile: 'explorer-gap.json' });

test('one click on a white-space gap opens Ideate prefilled with it, and the session runs on that topic', async ({
  page,
  llm,
}) => {
  await page.getByTestId('whitespace-load').click();
  await expect(page.getByTestId('whitespace-challenge').first()).toContainText(GAP_CHALLENGE);
  await page.getByTestId('whitespace-challenge').first().getByTestId('whitespace-ideate').click();

  await expect(page.getByTestId('ideate-draft-note')).toContainText(`the challenge “${GAP_CHALLENGE}”`);
  await expect(page.getByTestId('ideate-topic')).toHaveValue(
    `Address the open challenge “${GAP_CHALLENGE}”. No solution in the graph addresses it yet; 1 problem, 0 ideas and 1 paper point at it.`,
  );
  // Nothing ran yet: the user starts it.
  expect(llm?.requests ?? []).toHaveLength(0);
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-no-mentor').check();
  await page.getByTestId('ideate-start').click();
  await expect(page.getByTestId('ideate-status')).toHaveText('Completed');
  expect(JSON.stringify(llm?.requests)).toContain(GAP_CHALLENGE);
});
