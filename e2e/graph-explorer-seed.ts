import type { Page, TestInfo } from '@playwright/test';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';

/** The explorer specs' graph: the Graph section's sample plus one open challenge (no solution, two pointers). */
export const GAP_CHALLENGE = 'Costly evaluation of every thought';

export async function seedExplorerGraph(dataDir: string): Promise<void> {
  await seedSampleGraph(dataDir);
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    const ctx = { actor: 'test seed' };
    const problem = await store.getNodeByName('Problem', SAMPLE.problem);
    const paper = await store.getNodeByName('Paper', SAMPLE.paper);
    if (!problem || !paper) throw new Error('the sample graph is missing its problem or paper');
    const { node: gap } = await store.upsertNode({ kind: 'Challenge', name: GAP_CHALLENGE }, ctx);
    await store.addEdge({ type: 'HAS_CHALLENGE', from: problem.id, to: gap.id }, ctx);
    await store.addEdge({ type: 'EXTRACTED_FROM', from: gap.id, to: paper.id }, ctx);
  } finally {
    await store.close();
  }
}

/**
 * The explorer specs' options: the Graph section open on the explorer graph, in a window tall enough that the
 * explorer fits on screen (a screenshot shows only what the window shows).
 */
export const EXPLORER_SPEC_OPTIONS = {
  viewport: { width: 1280, height: 1400 },
  startSection: 'graph',
  prepareDataDir: { run: seedExplorerGraph },
} as const;

/**
 * A screenshot of one part of the page (the explorer, the white-space map), kept under test-results/: as the page
 * is, or once per colour scheme (`name-light.png`, `name-dark.png`), then back to light.
 */
export async function shootPart(
  page: Page,
  testid: string,
  name: string,
  testInfo: TestInfo,
  schemes: readonly ('light' | 'dark')[] = [],
): Promise<void> {
  const shots =
    schemes.length === 0
      ? [{ file: name, scheme: null }]
      : schemes.map((s) => ({ file: `${name}-${s}`, scheme: s }));
  for (const { file, scheme } of shots) {
    if (scheme) await page.emulateMedia({ colorScheme: scheme });
    const path = testInfo.outputPath(`${file}.png`);
    await page.getByTestId(testid).screenshot({ path });
    await testInfo.attach(file, { path, contentType: 'image/png' });
  }
  if (schemes.length > 0) await page.emulateMedia({ colorScheme: 'light' });
}
