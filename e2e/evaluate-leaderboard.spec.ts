import { captureScreenshot } from './fixtures.ts';
import { expect, test, TOPIC } from './evaluate-fixture.ts';

test.use({ scenarioFile: 'evaluate-leaderboard.json' });

test('a topic is scored, then ranked by a Swiss tournament with its progress and cost', async ({
  page,
  llm,
}, testInfo) => {
  await expect(page.getByTestId('evaluate-topic')).toContainText(TOPIC);
  const rows = page.getByTestId('leaderboard-row');
  await expect(rows).toHaveCount(4);
  // Nothing judged yet: no invented figures.
  await expect(page.getByTestId('leaderboard-mean').first()).toHaveText('—');
  await expect(page.getByTestId('leaderboard-llm-elo').first()).toHaveText('—');

  await page.getByTestId('score-ideas').click();
  await expect(page.getByTestId('leaderboard-cost')).toContainText('Scores: $');
  await expect(page.getByTestId('leaderboard-cost')).toContainText('0 of 4 judgment(s) reused');
  // Without ELO the N/E/M mean ranks: alpha (9, 8, 9) first, delta last.
  await expect(rows.first().getByTestId('leaderboard-title')).toHaveText('Idea alpha for the topic');
  await expect(rows.first().getByTestId('leaderboard-mean')).toHaveText('8.7');
  await expect(rows.first().getByTestId('leaderboard-novelty')).toHaveText('9.0');
  await expect(rows.last().getByTestId('leaderboard-title')).toHaveText('Idea delta for the topic');
  await expect(page.getByTestId('leaderboard-comparability')).toContainText('not comparable');

  await page.getByTestId('tournament-rounds').fill('3');
  await page.getByTestId('tournament-seed').fill('7');
  await page.getByTestId('run-tournament').click();
  const progress = page.getByRole('progressbar', { name: 'Tournament' });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('tournament-progress-text')).toContainText(/\d+ \/ 6/);
  await captureScreenshot(page, 'evaluate-tournament-running', testInfo);
  await expect(progress).toBeHidden({ timeout: 20_000 });

  await expect(page.getByTestId('leaderboard-cost')).toContainText('Tournament: $');
  await expect(page.getByTestId('leaderboard-cost')).toContainText('3.0 judge calls per idea');
  await expect(page.getByTestId('leaderboard-tournament')).toContainText('seed 7, 3 rounds, K = 32');
  const elos = await page.getByTestId('leaderboard-llm-elo').allTextContents();
  const numbers = elos.map(Number);
  // ELO is zero-sum from 1000 each, and the judge's fixed preference puts alpha on top.
  expect(numbers.every(Number.isFinite)).toBe(true);
  expect(Math.abs(numbers.reduce((a, b) => a + b, 0) - 4000)).toBeLessThanOrEqual(2);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await expect(rows.first().getByTestId('leaderboard-title')).toHaveText('Idea alpha for the topic');
  await captureScreenshot(page, 'evaluate-leaderboard', testInfo);

  // A second run with the same seed pays nothing: every pair is answered from the store.
  const callsBefore = llm?.requests.length ?? 0;
  await page.getByTestId('run-tournament').click();
  await expect(page.getByTestId('leaderboard-cost')).toContainText('Tournament: $0 paid now');
  expect(llm?.requests.length ?? 0).toBe(callsBefore);

  // Reopened, the page shows what is stored: scores, the newest tournament's ELO, without paying anything.
  await page.reload();
  await expect(rows.first().getByTestId('leaderboard-title')).toHaveText('Idea alpha for the topic');
  await expect(rows.first().getByTestId('leaderboard-mean')).toHaveText('8.7');
  expect(await page.getByTestId('leaderboard-llm-elo').allTextContents()).toEqual(elos);
  await expect(page.getByTestId('leaderboard-tournament')).toContainText('seed 7, 3 rounds');
  await expect(page.getByTestId('leaderboard-cost')).toHaveCount(0);
  expect(llm?.requests.length ?? 0).toBe(callsBefore);
});

test('a running tournament is cancelled from the page, and a rerun reuses the pairs judged before', async ({
  page,
}) => {
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(4);
  await page.getByTestId('tournament-rounds').fill('5');
  await page.getByTestId('run-tournament').click();
  await expect(page.getByTestId('tournament-progress-text')).toContainText(/[1-9] \/ 10/);
  await page.getByTestId('tournament-cancel').click();
  await expect(page.getByTestId('leaderboard-error')).toContainText('Tournament cancelled');
  await expect(page.getByTestId('tournament-progress')).toHaveCount(0);
  expect(new Set(await page.getByTestId('leaderboard-llm-elo').allTextContents())).toEqual(new Set(['—']));

  await page.getByTestId('run-tournament').click();
  const cost = page.getByTestId('leaderboard-cost');
  await expect(cost).toContainText('Tournament: $', { timeout: 20_000 });
  const reused = Number(/(\d+) of\s+20 judgment/.exec((await cost.textContent()) ?? '')?.[1]);
  expect(reused).toBeGreaterThan(0);
  await expect(page.getByTestId('leaderboard-error')).toHaveCount(0);
});
