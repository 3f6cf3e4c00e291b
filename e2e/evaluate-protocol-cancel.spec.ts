import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { expect, test } from './evaluate-fixture.ts';
import type { ScenarioInput } from './scripted-llm/scenario.ts';

/** The protocol-run scenario with every judge answer slowed down, so a run can be caught mid-way. */
const slowJudge = {
  build(): ScenarioInput {
    const file = join(import.meta.dirname, 'scripted-llm', 'scenarios', 'protocol-run.json');
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as {
      steps: { match?: { role?: string }; delayMs?: number }[];
    };
    for (const step of scenario.steps) if (step.match?.role === 'judge') step.delayMs = 150;
    return scenario as ScenarioInput;
  },
};

test.use({ scenario: slowJudge, appEnv: { MOTIV_MODELS_DIR: repoModelsDir() } });

test('a running protocol shows its progress and cost, is cancelled, and resumes to its table', async ({
  page,
  llm,
}) => {
  test.setTimeout(150_000);
  await page.getByTestId('evaluate-tab-protocol').click();
  await page
    .getByTestId('protocol-topics')
    .fill('efficient reasoning in language models\nprotein structure prediction');
  await page.getByTestId('protocol-ideas').fill('2');
  await page.getByTestId('protocol-rounds').fill('2');
  await expect(page.getByTestId('protocol-estimate')).toContainText('6 sessions');
  await page.getByTestId('protocol-start').click();

  // Judging is under way: a progress bar with the stage and the cost so far.
  const progress = page.getByTestId('protocol-progress-text');
  await expect(progress).toContainText(/Scoring ideas|Tournament pairs/, { timeout: 60_000 });
  await expect(progress).toContainText('so far');
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByTestId('protocol-cancel').click();
  await expect(page.getByTestId('protocol-run-state')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('protocol-progress')).toHaveCount(0);
  const judgedBefore = (llm?.requests ?? []).filter((r) =>
    JSON.stringify(r.body).includes('[role:judge]'),
  ).length;

  await page.getByTestId('protocol-resume').click();
  await expect(page.getByTestId('protocol-run-state')).toHaveText('completed', { timeout: 90_000 });
  await expect(page.getByTestId('protocol-row')).toHaveCount(3);
  // Judgments made before the cancel were reused: the whole run asked the judge no more than its 60 calls.
  const judged = (llm?.requests ?? []).filter((r) => JSON.stringify(r.body).includes('[role:judge]')).length;
  expect(judgedBefore).toBeGreaterThan(0);
  expect(judged).toBeLessThanOrEqual(60);
});
