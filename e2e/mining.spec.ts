import { expect, type Locator } from '@playwright/test';
import { captureScreenshot } from './fixtures.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * Papers in, graph out, in the app: the Graph section's "Papers & mining" panel in a real Chromium over browser
 * mode. A BibTeX file goes through the file picker into a real embedded store (MOTIV_SEED off, so the graph starts
 * empty); mining runs against the scripted OpenAI-compatible server (mining-extract.json) through the real
 * `openai` client; the mined nodes are approved in the existing review queue.
 */

// Every test here works in the Graph section's "Papers & mining" panel.
const test = scriptedAppTest({ section: 'graph' }).extend<{ panel: Locator }>({
  panel: async ({ page }, use) => {
    await use(page.getByTestId('papers-mining'));
  },
});
test.use({ appEnv: { MOTIV_SEED: 'off' } });

// A run against the scripted LLM (app start, mining) may take up to a minute.
test.describe.configure({ timeout: 60_000 });

/** A describe block whose tests all play `scenarioFile` on the scripted LLM. */
function withScenario(scenarioFile: string, title: string, body: () => void): void {
  test.describe(title, () => {
    test.use({ scenarioFile });
    body();
  });
}

// Two papers the scenario knows by title, and one entry whose year (line 20) is broken and must be reported there.
const BIBTEX = `@article{replay2019,
  title = {Experience replay against forgetting},
  author = {Rolnick, David and Ahuja, Arun},
  year = {2019},
  journal = {NeurIPS},
  abstract = {We keep a small memory of past examples and replay them while learning new tasks.}
}

@article{generative2017,
  title = {Generative replay for continual learning},
  author = {Shin, Hanul},
  year = {2017},
  journal = {NeurIPS},
  abstract = {A generator produces examples of old tasks so no raw data must be stored.}
}

@article{badyear,
  title = {A paper with a broken year},
  author = {Doe, Jane},
  year = {20x1}
}
`;

/** Imports BIBTEX through the panel's file picker and waits for its two good papers to land. */
async function importBibtex(panel: Locator): Promise<void> {
  await panel.getByTestId('pm-files').setInputFiles({
    name: 'refs.bib',
    mimeType: 'application/x-bibtex',
    buffer: Buffer.from(BIBTEX),
  });
  await panel.getByTestId('pm-import-go').click();
  await expect(panel.getByTestId('pm-import-totals')).toContainText('2 imported');
}

withScenario('mining-extract.json', 'with a scripted LLM', () => {
  test('imports a BibTeX file, mines it with progress, and approves a mined node in the review queue', async ({
    page,
    panel,
    llm,
  }, testInfo) => {
    // The graph is empty, so the panel is open and says what mining would do before anything is imported.
    await expect(page.getByTestId('graph-empty')).toBeVisible();
    await expect(panel.getByTestId('pm-estimate')).toContainText('Nothing to mine');

    await importBibtex(panel);
    await expect(panel.getByTestId('pm-import-totals')).toContainText('1 skipped');
    const skipped = panel.getByTestId('pm-skipped');
    await expect(skipped).toHaveCount(1);
    await expect(skipped).toContainText('refs.bib:20');
    await expect(skipped).toContainText('year');
    await expect(skipped).toContainText('"20x1" is not a year');
    // graph.changed reached the Graph section: the empty state made way for the graph
    await expect(page.getByTestId('graph-empty')).toHaveCount(0);
    await expect(panel.getByTestId('pm-estimate')).toContainText('2 papers to mine with gpt-4o-mini');
    await expect(panel.getByTestId('pm-estimate')).toContainText(/at least \$\d/);

    await panel.getByTestId('pm-mine-go').click();
    await expect(panel.getByTestId('pm-mine-progress')).toBeVisible();
    await expect(panel.getByTestId('pm-mine-status')).toContainText('Job completed');
    await expect(panel.getByTestId('pm-mine-progress')).toContainText('2 of 2 papers');
    await expect(panel.getByTestId('pm-mine-progress')).toContainText('1,200 tokens');
    await expect(panel.getByTestId('pm-mine-report')).toContainText('2 of 2 papers mined');
    await expect(panel.getByTestId('pm-merge-method')).toContainText('lexical:tfidf-cosine');
    expect(llm?.requests.map((r) => r.stepId)).toEqual(expect.arrayContaining(['paper-one', 'paper-two']));

    await panel.screenshot({ path: testInfo.outputPath('papers-and-mining-panel.png') });

    // The mined nodes wait in the existing review queue; approve one.
    await panel.getByTestId('pm-open-review').click();
    const queue = page.getByTestId('graph-review-queue');
    const item = queue
      .getByTestId('graph-queue-item')
      .filter({ hasText: 'Catastrophic forgetting of earlier tasks during sequential training' });
    await expect(item).toHaveCount(1);
    const before = await queue.getByTestId('graph-queue-item').count();
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(queue.getByTestId('graph-queue-item')).toHaveCount(before - 1);
    await expect(item).toHaveCount(0);
    await captureScreenshot(page, 'papers-and-mining', testInfo);

    // Hierarchy over the mined problems: the two near-identical ones were merged, so one problem is left and
    // nothing can be grouped; the run still says which similarity it used.
    await panel.getByTestId('pm-hier-kind').selectOption('Problem');
    await panel.getByTestId('pm-hier-go').click();
    await expect(panel.getByTestId('pm-hier-status')).toContainText(
      'Problem hierarchy completed: 0 parents added',
    );
    await expect(panel.getByTestId('pm-hier-method')).toContainText('lexical:tfidf-cosine');
  });
});

withScenario('mining-cancel.json', 'with a model that hangs on the first paper', () => {
  test('cancels a running job and resumes it from the unfinished jobs', async ({
    page,
    panel,
    llm,
  }, testInfo) => {
    await importBibtex(panel);

    // From here the panel follows jobs by their numbered events: it never re-reads the job list.
    const calls: string[] = [];
    page.on('request', (r) => {
      const channel = /\/api\/invoke\/([^/?]+)/.exec(r.url())?.[1];
      if (channel?.startsWith('mining.')) calls.push(decodeURIComponent(channel));
    });
    await panel.getByTestId('pm-mine-go').click();
    // Two papers at a time (settings mining.concurrency): paper two is done, paper one hangs for 20 s.
    await expect(panel.getByTestId('pm-mine-progress')).toContainText('Extracting: 1 of 2 papers');
    await expect(panel.getByTestId('pm-mine-progress')).toContainText('600 tokens');
    await panel.screenshot({ path: testInfo.outputPath('mining-mid-job.png') });
    await panel.getByTestId('pm-mine-cancel').click();
    await expect(panel.getByTestId('pm-mine-status')).toContainText('Job cancelled');
    await expect(panel.getByTestId('pm-mine-cancel')).toHaveCount(0);
    const unfinished = panel.getByTestId('pm-unfinished');
    await expect(unfinished).toContainText('cancelled · 1 of 2 papers done');

    await unfinished.getByRole('button', { name: 'Resume' }).click();
    await expect(panel.getByTestId('pm-mine-status')).toContainText('Job completed');
    await expect(panel.getByTestId('pm-mine-report')).toContainText('2 of 2 papers mined');
    await expect(panel.getByTestId('pm-unfinished')).toHaveCount(0);
    // the resumed job asked only for paper one; paper two was not paid for twice
    expect(llm?.requests.map((r) => r.stepId).sort()).toEqual(['paper-one', 'paper-one-slow', 'paper-two']);
    expect(calls).not.toContain('mining.list');
    expect(calls).toContain('mining.job');
  });
});

withScenario(
  'mining-refused.json',
  'with a model whose every triple for one paper breaks the naming rules',
  () => {
    test("reports each paper's outcome and mines the refused paper again from the report", async ({
      page,
      panel,
      llm,
    }, testInfo) => {
      await importBibtex(panel);

      await panel.getByTestId('pm-mine-go').click();
      const status = panel.getByTestId('pm-mine-status');
      await expect(status).toContainText(
        'Job completed: 1 of 2 papers mined (3 nodes): 1 with every triple refused by the naming rules',
      );
      const refused = panel
        .getByTestId('pm-outcome')
        .filter({ hasText: 'Experience replay against forgetting' });
      await expect(refused).toHaveAttribute('data-outcome', 'refused');
      await expect(refused).toContainText('every triple refused');
      await expect(refused).toContainText('Problem name must have 3–7 words, has 1');
      const mined = panel
        .getByTestId('pm-outcome')
        .filter({ hasText: 'Generative replay for continual learning' });
      await expect(mined).toContainText('mined (3 nodes)');
      // The refused paper was not mined: the estimate offers it again, and the report can mine it again.
      await expect(panel.getByTestId('pm-estimate')).toContainText('1 paper to mine');
      await captureScreenshot(page, 'mining-outcomes', testInfo);

      await panel.getByTestId('pm-remine').click();
      await expect(status).toContainText('Job completed: 1 of 1 paper mined (3 nodes).');
      await expect(panel.getByTestId('pm-outcome')).toHaveCount(1);
      await expect(panel.getByTestId('pm-outcome')).toContainText('Experience replay against forgetting');
      await expect(panel.getByTestId('pm-remine')).toHaveCount(0);
      await expect(panel.getByTestId('pm-estimate')).toContainText('Nothing to mine');
      expect(llm?.requests.map((r) => r.stepId).sort()).toEqual(
        ['generative', 'replay-again', 'replay-bad', 'replay-bad-repair'].sort(),
      );
    });

    test('says every paper failed, and why, when the endpoint is dead', async ({
      page,
      panel,
      llm,
    }, testInfo) => {
      await importBibtex(panel);
      await llm?.stop(); // the endpoint dies before mining starts

      await panel.getByTestId('pm-mine-go').click();
      const status = panel.getByTestId('pm-mine-status');
      await expect(status).toContainText(
        'Job completed: 0 of 2 papers mined: 2 failed (endpoint unreachable or failing)',
        { timeout: 30_000 },
      );
      await expect(panel.getByTestId('pm-open-review')).toHaveCount(0);
      await expect(panel.getByTestId('pm-outcome').filter({ hasText: 'failed' })).toHaveCount(2);
      await expect(panel.getByTestId('pm-remine')).toContainText('Mine again (2 papers not mined)');
      await captureScreenshot(page, 'mining-dead-endpoint', testInfo);
    });
  },
);

test('without an LLM endpoint, imports still work and mining says what is missing', async ({ panel }) => {
  await panel.getByTestId('pm-files').setInputFiles([
    { name: 'refs.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(BIBTEX) },
    // over what one browser-mode request can carry once base64-encoded: refused by name, before any upload
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(8 * 1024 * 1024, 1) },
  ]);
  await panel.getByTestId('pm-import-go').click();
  await expect(panel.getByTestId('pm-import-totals')).toContainText('2 imported');
  await expect(panel.getByTestId('pm-refused')).toContainText(
    'scan.pdf is 8.0 MB: the app uploads files up to 7.5 MB',
  );
  await expect(panel.getByTestId('pm-import-source')).toHaveCount(1);

  await expect(panel.getByTestId('pm-estimate-problem')).toContainText('No LLM endpoint is configured');
  await panel.getByTestId('pm-hier-go').click();
  await expect(panel.getByTestId('pm-hier-problem')).toContainText('No LLM endpoint is configured');
  await expect(panel.getByTestId('pm-mine-go')).toBeVisible();
  await panel.getByTestId('pm-mine-go').click();
  await expect(panel.getByTestId('pm-mine-problem')).toContainText('No LLM endpoint is configured');
});
