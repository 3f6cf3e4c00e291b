import { readFileSync } from 'node:fs';
import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { captureScreenshot } from './fixtures.ts';
import { expect, test } from './evaluate-fixture.ts';

test.use({ scenarioFile: 'protocol-run.json', appEnv: { MOTIV_MODELS_DIR: repoModelsDir() } });

test('a protocol run on two typed topics shows its estimate, runs to the paper-shaped table and plots, and exports', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.getByTestId('evaluate-tab-protocol').click();
  await expect(page.getByTestId('protocol-problem')).toContainText('Topics');
  await expect(page.getByTestId('protocol-start')).toBeDisabled();

  await page
    .getByTestId('protocol-topics')
    .fill('efficient reasoning in language models\nprotein structure prediction');
  await page.getByTestId('protocol-ideas').fill('2');
  await page.getByTestId('protocol-seeds').fill('1, 2');
  await page.getByTestId('protocol-rounds').fill('2');
  await page.getByTestId('protocol-name').fill('two topics');
  // The estimate before anything is paid: 2 topics × 3 settings sessions, 12 scores + 48 pair judgments.
  const estimate = page.getByTestId('protocol-estimate');
  await expect(estimate).toContainText('6 sessions');
  await expect(estimate).toContainText('60 judge calls');
  await expect(estimate).toContainText('Estimate: $');
  await captureScreenshot(page, 'evaluate-protocol-form', testInfo);

  await page.getByTestId('protocol-start').click();
  await expect(page.getByTestId('protocol-run-state')).toHaveText('completed', { timeout: 90_000 });
  await expect(page.getByTestId('protocol-run-error')).toHaveCount(0);
  const rows = page.getByTestId('protocol-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByTestId('protocol-cell-setting')).toHaveText('full');
  await expect(rows.nth(0).getByTestId('protocol-cell-ideas')).toHaveText('4');
  await expect(rows.nth(0).getByTestId('protocol-cell-paperMean')).toHaveText('9.00');
  await expect(rows.nth(0).getByTestId('protocol-cell-eloAverage')).toContainText('±');
  await expect(rows.nth(1).getByTestId('protocol-cell-diversity')).not.toHaveText('—');
  await expect(page.getByTestId('protocol-comparability')).toContainText(
    "not comparable to the paper's numbers",
  );
  await expect(page.getByTestId('protocol-run-cost')).toContainText('$');

  // Plots: three settings' bars of three scores, ELO with whiskers over two seeds, one line per setting.
  await expect(page.getByTestId('plot-scores-bar')).toHaveCount(9);
  // Each bar drawn where it belongs: a height, and side by side (no two at the same place).
  const bars = await page
    .getByTestId('plot-scores-bar')
    .evaluateAll((els) =>
      els
        .map((el) => (el as unknown as { getBBox(): { x: number; width: number; height: number } }).getBBox())
        .map((b) => [b.x, b.width, b.height]),
    );
  expect(bars.every(([, width, height]) => (width ?? 0) > 1 && (height ?? 0) > 1)).toBe(true);
  expect(new Set(bars.map(([x]) => Math.round(x ?? 0))).size).toBe(9);
  await expect(page.getByTestId('plot-elo-bar')).toHaveCount(3);
  expect(await page.getByTestId('plot-elo-whisker').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('plot-rounds-line')).toHaveCount(3);
  await expect(page.getByRole('img', { name: 'Average ELO per setting (± sd over seeds)' })).toBeVisible();
  // The paper's figures beside, labelled as the paper's.
  await expect(page.getByTestId('paper-reference')).toContainText("The paper's figures");
  await expect(page.getByTestId('paper-reference')).toContainText('8.39');
  await expect(page.getByTestId('paper-table2-bar')).toHaveCount(7);
  await page.getByTestId('protocol-run').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'evaluate-protocol-run', testInfo);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('protocol-export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\n')[0]).toContain('setting');
  expect(csv).toContain('no-mentor');

  // Reopened, the run and its table are read back from the store.
  await page.reload();
  await page.getByTestId('evaluate-tab-protocol').click();
  await expect(page.getByTestId('protocol-runs')).toContainText('two topics');
  await expect(page.getByTestId('protocol-row')).toHaveCount(3);
});

test('a CSV topic file is read (first column, header skipped) and a hostile one is refused', async ({
  page,
}) => {
  await page.getByTestId('evaluate-tab-protocol').click();
  const input = page.getByTestId('protocol-csv');
  await input.setInputFiles({
    name: 'topics.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('topic,owner\n"drug discovery, graphs",ada\nprotein folding,bob\n'),
  });
  await expect(page.getByTestId('protocol-csv-loaded')).toContainText('topics.csv: 2 topic(s)');
  await expect(page.getByTestId('protocol-topics')).toBeDisabled();
  await expect(page.getByTestId('protocol-estimate')).toContainText('6 sessions');

  await input.setInputFiles({
    name: 'bomb.csv',
    mimeType: 'text/csv',
    buffer: Buffer.alloc(2 * 1024 * 1024, 'a'),
  });
  await expect(page.getByTestId('protocol-csv-error')).toContainText('bomb.csv: larger than 256 KB');
  await input.setInputFiles({ name: 'repeat.csv', mimeType: 'text/csv', buffer: Buffer.from('a\nb\nA\n') });
  await expect(page.getByTestId('protocol-csv-error')).toContainText(
    'repeat.csv line 3: repeats the topic of line 1',
  );
  await expect(page.getByTestId('protocol-start')).toBeDisabled();
});
