import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { GraphNode, NodeKind } from '../src-main/graph/model.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, readLabGraph, test, type AppHandle, type LabGraph } from './fixtures.ts';

/**
 * Curating the seeded graph in the Graph section: create, link, undo, delete after seeing its edges, merge with a
 * chosen surviving name, approve and undo, a delete refused because another tab changed the node, export and
 * import, notes. Run on both stores (the `embedded` and `neo4j` projects of playwright.config.ts); what the
 * store holds is read back from the store the app works on.
 */

function stored(lab: LabGraph, kind: NodeKind, name: string): Promise<GraphNode | null> {
  return readLabGraph(lab, (store) => store.getNodeByName(kind, name));
}

async function openNode(
  page: Page,
  app: AppHandle,
  lab: LabGraph,
  kind: NodeKind,
  name: string,
): Promise<GraphNode> {
  const node = await stored(lab, kind, name);
  if (!node) throw new Error(`${kind} ${name} missing`);
  await page.goto(`${app.origin ?? ''}/#/graph/node/${encodeURIComponent(node.id)}`);
  await expect(page.getByTestId('graph-node-name')).toHaveText(name);
  return node;
}

/** The test ids of one editor in the node detail: its open button, the field, save, and where the result shows. */
interface Editor {
  open: string;
  field: string;
  save: string;
  shows: string;
}

const nodeEditor = (field: 'name' | 'description'): Editor => ({
  open: 'graph-edit',
  field: `graph-edit-${field}`,
  save: 'graph-edit-save',
  shows: `graph-node-${field}`,
});
const NOTE_EDITOR: Editor = {
  open: 'graph-note-edit',
  field: 'graph-note-text',
  save: 'graph-note-save',
  shows: 'graph-note-rendered',
};

/** A second writer: another tab opens the node, saves `text` through `editor` and sees it shown. */
async function saveInAnotherTab(
  page: Page,
  app: AppHandle,
  lab: LabGraph,
  [kind, name]: [NodeKind, string],
  editor: Editor,
  text: string,
): Promise<Page> {
  const other = await page.context().newPage();
  await openNode(other, app, lab, kind, name);
  await other.getByTestId(editor.open).click();
  await other.getByTestId(editor.field).fill(text);
  await other.getByTestId(editor.save).click();
  await expect(other.getByTestId(editor.shows)).toHaveText(text);
  return other;
}

async function downloadText(download: Download): Promise<string> {
  return readFileSync((await download.path()) ?? '', 'utf8');
}

test.describe('curating the graph', () => {
  test.use({ prepareDataDir: { run: (dataDir) => seedSampleGraph(dataDir).then(() => undefined) } });
  test.skip(({ app }) => app.kind !== 'browser', 'browser mode (Chromium) runs these flows');

  test('create a node, link it, undo the link, then delete it after seeing its edges', async ({
    page,
    app,
    labGraph,
  }, testInfo) => {
    await page.goto(app.origin ?? '');
    await page.getByTestId('nav-graph').click();
    await page.getByTestId('graph-new-node').click();
    await page.getByTestId('graph-create-kind').selectOption('Problem');
    await page.getByTestId('graph-create-name').fill('Agents forget <earlier> "steps"');
    await page.getByTestId('graph-create-description').fill('Made by hand.');
    await captureScreenshot(page, 'graph-curate-create', testInfo);
    await page.getByTestId('graph-create-save').click();
    await expect(page.getByTestId('graph-node-name')).toHaveText('Agents forget <earlier> "steps"');
    const created = await stored(labGraph, 'Problem', 'Agents forget <earlier> "steps"');
    expect(created).toMatchObject({ origin: 'curated', description: 'Made by hand.' });

    // The same name again is refused and the form keeps what was typed.
    await page.getByTestId('graph-new-node').click();
    await page.getByTestId('graph-create-name').fill('agents forget <earlier> "STEPS"');
    await page.getByTestId('graph-create-save').click();
    await expect(page.getByTestId('graph-curate-problem')).toContainText('already exists');
    await expect(page.getByTestId('graph-create-name')).toHaveValue('agents forget <earlier> "STEPS"');
    await page.getByTestId('graph-new-node').click();

    await page.getByTestId('graph-add-edge').click();
    await page.getByTestId('graph-edge-kind').selectOption({ label: 'has challenge' });
    await page.getByTestId('graph-edge-target-query').fill('intermediate reasoning');
    await page.getByTestId('graph-edge-target-hits').getByText(SAMPLE.challengeEvaluate).click();
    await expect(page.getByTestId('graph-edges')).toContainText(SAMPLE.challengeEvaluate);
    await captureScreenshot(page, 'graph-curate-node-tools', testInfo);

    await expect(page.getByTestId('graph-undo')).toContainText('Undo link');
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Undone: link');
    await expect(page.getByTestId('graph-edges')).toHaveCount(0);

    await page.getByTestId('graph-add-edge').click();
    await page.getByTestId('graph-edge-kind').selectOption({ label: 'has challenge' });
    await page.getByTestId('graph-edge-target-query').fill('intermediate reasoning');
    await page.getByTestId('graph-edge-target-hits').getByText(SAMPLE.challengeEvaluate).click();
    await page.getByTestId('graph-delete').click();
    const dialog = page.getByTestId('graph-delete-dialog');
    await expect(dialog.getByTestId('graph-delete-edges')).toContainText(SAMPLE.challengeEvaluate);
    await captureScreenshot(page, 'graph-curate-delete', testInfo);
    await dialog.getByTestId('graph-delete-confirm').click();
    await expect(page.getByTestId('graph-curate-notice')).toContainText('and 1 edge(s)');
    expect(await stored(labGraph, 'Problem', 'Agents forget <earlier> "steps"')).toBeNull();
    expect(await stored(labGraph, 'Challenge', SAMPLE.challengeEvaluate)).not.toBeNull();
  });

  test('merge two solutions under the name chosen, keeping the other as an alias', async ({
    page,
    app,
    labGraph,
  }, testInfo) => {
    const keep = await openNode(page, app, labGraph, 'Solution', SAMPLE.solutionSearch);
    await page.getByTestId('graph-merge').click();
    await page.getByTestId('graph-merge-target-query').fill('Self-evaluation');
    await page.getByTestId('graph-merge-target-hits').getByText(SAMPLE.solutionSelfEval).click();
    await page.getByTestId('graph-merge-form').getByLabel(SAMPLE.solutionSelfEval).check();
    await captureScreenshot(page, 'graph-curate-merge', testInfo);
    await page.getByTestId('graph-merge-confirm').click();
    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.solutionSelfEval);
    const store = labGraph.open();
    try {
      const merged = await store.getNode(keep.id);
      expect(merged?.name).toBe(SAMPLE.solutionSelfEval);
      expect(merged?.aliases).toContain(SAMPLE.solutionSearch);
      expect((await store.stats()).nodes.Solution).toBe(1);
    } finally {
      await store.close();
    }
  });

  test('approve, then undo the approval; a delete refused after another tab changed the node', async ({
    page,
    app,
    labGraph,
  }) => {
    await openNode(page, app, labGraph, 'Challenge', SAMPLE.challengeEvaluate);
    await page.getByTestId('graph-detail-approve').click();
    await expect
      .poll(async () => (await stored(labGraph, 'Challenge', SAMPLE.challengeEvaluate))?.review)
      .toBe('approved');
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Undone: approval');
    expect((await stored(labGraph, 'Challenge', SAMPLE.challengeEvaluate))?.review).toBe('proposed');

    // Approve again; another tab then edits the node: undoing the approval now would overwrite that edit, so
    // the undo is refused and says so.
    await page.getByTestId('graph-detail-approve').click();
    await expect(page.getByTestId('graph-undo')).toContainText('Undo approval');
    const other = await saveInAnotherTab(
      page,
      app,
      labGraph,
      ['Challenge', SAMPLE.challengeEvaluate],
      nodeEditor('description'),
      'Edited in another tab.',
    );
    await other.close();
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Could not undo');
    await expect(page.getByTestId('graph-undo-message')).toContainText('Nothing was overwritten');
    expect(await stored(labGraph, 'Challenge', SAMPLE.challengeEvaluate)).toMatchObject({
      review: 'approved',
      description: 'Edited in another tab.',
    });

    const problem = await openNode(page, app, labGraph, 'Problem', SAMPLE.problem);
    await page.getByTestId('graph-delete').click();
    await expect(page.getByTestId('graph-delete-edges')).toContainText(SAMPLE.challengeRevisit);
    // Another tab renames the problem while this one's confirmation is open.
    await saveInAnotherTab(
      page,
      app,
      labGraph,
      ['Problem', SAMPLE.problem],
      nodeEditor('name'),
      'Multi-step reasoning, renamed by tab two',
    );

    await page.getByTestId('graph-delete-confirm').click();
    await expect(page.getByTestId('graph-delete-problem')).toContainText(/changed|version/i);
    const store = labGraph.open();
    try {
      expect((await store.getNode(problem.id))?.name).toBe('Multi-step reasoning, renamed by tab two');
    } finally {
      await store.close();
    }
  });

  test('export GraphML and CSV, and import a dump only with replace', async ({
    page,
    app,
    labGraph,
  }, testInfo) => {
    await openNode(page, app, labGraph, 'Problem', SAMPLE.problem);
    await page.getByTestId('graph-export').click();
    await page.getByTestId('graph-export-format').selectOption('graphml');
    await captureScreenshot(page, 'graph-curate-export', testInfo);
    const [graphml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('graph-export-save').click(),
    ]);
    expect(graphml.suggestedFilename()).toBe('motivgraph.graphml');
    const xml = await downloadText(graphml);
    // Chromium's own XML parser: a malformed file yields a <parsererror> document.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        nodes: doc.getElementsByTagName('node').length,
        edges: doc.getElementsByTagName('edge').length,
      };
    }, xml);
    expect([parsed.error, parsed.nodes]).toEqual([0, 7]);
    expect(parsed.edges).toBeGreaterThan(3);

    await page.getByTestId('graph-export-format').selectOption('csv');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('graph-export-save').click();
    await expect.poll(() => downloads.length).toBe(2);
    expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual([
      'motivgraph.edges.csv',
      'motivgraph.nodes.csv',
    ]);
    const nodesCsv = await downloadText(
      downloads.find((d) => d.suggestedFilename().includes('nodes')) as Download,
    );
    expect(nodesCsv).toContain(SAMPLE.problem);

    await page.getByTestId('graph-export-format').selectOption('json');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('graph-export-save').click(),
    ]);
    const dumpPath = (await json.path()) ?? '';

    await page.getByTestId('graph-import').click();
    await page.getByTestId('graph-import-file').setInputFiles(dumpPath);
    await page.getByTestId('graph-import-save').click();
    await expect(page.getByTestId('graph-curate-problem')).toContainText('not empty');
    await page.getByTestId('graph-import-replace').check();
    await page.getByTestId('graph-import-save').click();
    await expect(page.getByTestId('graph-curate-notice')).toContainText('Imported 7 nodes');
  });

  test('a hostile note renders as text and safe Markdown; a save by a second tab is shown, not overwritten', async ({
    page,
    app,
    labGraph,
  }, testInfo) => {
    const node = await openNode(page, app, labGraph, 'Problem', SAMPLE.problem);
    await page.getByTestId('graph-note-edit').click();
    await page
      .getByTestId('graph-note-text')
      .fill(
        [
          '**Bold idea** and a [paper](https://arxiv.org/abs/2305.10601).',
          '',
          '<img src="x" onerror="window.__pwned = 1">',
          '',
          '[click me](javascript:window.__pwned=2) <script>window.__pwned = 3</script>',
          '',
          '![tracker](https://example.com/pixel.png)',
        ].join('\n'),
      );
    await page.getByTestId('graph-note-save').click();
    const rendered = page.getByTestId('graph-note-rendered');
    await expect(rendered.locator('strong')).toHaveText('Bold idea');
    await expect(rendered.locator('a[href="https://arxiv.org/abs/2305.10601"]')).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    );
    // Raw HTML stays visible as text; nothing of it became an element or ran.
    await expect(rendered).toContainText('<img src="x" onerror="window.__pwned = 1">');
    await expect(rendered.locator('img, script, [onerror]')).toHaveCount(0);
    await expect(rendered.getByText('click me')).toBeVisible();
    expect(await rendered.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'https://arxiv.org/abs/2305.10601',
      null,
    ]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await captureScreenshot(page, 'graph-curate-note', testInfo);

    // Two tabs: this one opens the editor, the other saves first.
    await page.getByTestId('graph-note-edit').click();
    await page.getByTestId('graph-note-text').fill('Tab one rewrote the note.');
    await saveInAnotherTab(
      page,
      app,
      labGraph,
      ['Problem', SAMPLE.problem],
      NOTE_EDITOR,
      'Tab two got there first.',
    );

    await page.getByTestId('graph-note-save').click();
    const dialog = page.getByTestId('graph-note-conflict');
    await expect(dialog.getByTestId('conflict-mine')).toHaveText('Tab one rewrote the note.');
    await expect(dialog.getByTestId('conflict-theirs')).toHaveText('Tab two got there first.');
    await captureScreenshot(page, 'graph-curate-note-conflict', testInfo);
    await dialog.getByTestId('conflict-keep-mine').click();
    await expect(page.getByTestId('graph-note-rendered')).toHaveText('Tab one rewrote the note.');
    const detail = await page.request.post(`${app.origin ?? ''}/api/invoke/graph.node`, {
      headers: { 'x-motiv-token': app.token ?? '' },
      data: { id: node.id },
    });
    expect(((await detail.json()) as { result: { note: { revision: number } } }).result.note.revision).toBe(
      3,
    );
  });
});
