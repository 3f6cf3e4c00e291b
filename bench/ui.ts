/**
 * Benchmark: the graph explorer in Chromium (issue 15 targets: first rendered frame of a 5,000-node picture
 * ≤ 1 s; frame time while panning p95 ≤ 33 ms).
 *
 *   npm run bench:ui            (builds the renderer, then runs this)
 *   npx node bench/ui.ts [runs]
 *
 * Seeds a synthetic MotivGraph of ~7,000 nodes (bench/lib/synthetic-motivgraph.ts) into a fresh data dir, starts
 * browser mode, opens it in Debian's Chromium (WebGL through SwiftShader, the CPU rasteriser: a real GPU is faster),
 * and per size (1,000 and 5,000 nodes, the whole-graph overview's best-connected nodes with the edges among them)
 * times, inside the page, from the click on "Whole-graph overview" to the first frame sigma renders with that many
 * nodes (the request, the layout and the WebGL upload included). Then it drags the picture for ~2 s and records
 * the time between animation frames. With the 5,000 nodes loaded it also times the list view's first render (the
 * click on "List" to the next animation frame after its rows are in the DOM; the list is virtualized, target
 * ≤ 1 s like the picture's). Writes bench/results/ui.json; exits 1 over a target.
 *
 * Caveat: frame times are the page's animation-frame intervals (sigma's camera update and WebGL submission on the
 * main thread). SwiftShader rasterises in Chromium's GPU process, which these intervals do not wait for; a
 * screenshot forces a read-back and made later pans look ~50× slower, so the one screenshot is taken last.
 */
import { chromium } from 'playwright';
import type { Page } from 'playwright';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newDataDir, startBrowserMode } from '../e2e/app-launcher.ts';
import { seedSyntheticGraph } from './lib/seed-synthetic.ts';
import { atMost, benchResults, printTable, writeResults } from './lib/results.ts';
import type { Metric } from './lib/results.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIRST_FRAME_BUDGET_MS = 1_000;
const LIST_FIRST_RENDER_BUDGET_MS = 1_000;
const PAN_FRAME_P95_BUDGET_MS = 33;
const SIZES = [1_000, 5_000] as const;
const runs = Number(process.argv[2] ?? 3);

/** Kept as source text (this file is type-checked without the DOM library). Resolves with ms to first frame. */
const FIRST_FRAME_IN_PAGE = (nodes: number): string => `new Promise((resolve, reject) => {
  const button = document.querySelector('[data-testid="explorer-overview"]');
  if (!button) return reject(new Error('no overview button'));
  performance.clearMarks();
  let loaded = null;
  const start = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const mark of list.getEntries()) {
      if (mark.name === 'motiv:explorer:loaded' && mark.detail && mark.detail.nodes === ${nodes}) loaded = mark.startTime - start;
      if (mark.name === 'motiv:explorer:render' && mark.detail && mark.detail.nodes === ${nodes}) {
        observer.disconnect();
        resolve({ ms: mark.startTime - start, loaded });
      }
    }
  });
  observer.observe({ type: 'mark' });
  button.click();
  setTimeout(() => { observer.disconnect(); reject(new Error('no frame with ${nodes} nodes within 20 s')); }, 20000);
})`;

/** Clicks "List" and resolves with ms to the first animation frame after the list marked its rows rendered. */
const LIST_RENDER_IN_PAGE = (rows: number): string => `new Promise((resolve, reject) => {
  const button = document.querySelector('[data-testid="explorer-view-list"]');
  if (!button) return reject(new Error('no list button'));
  performance.clearMarks();
  const start = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const mark of list.getEntries()) {
      if (mark.name === 'motiv:explorer:list' && mark.detail && mark.detail.rows === ${rows}) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    }
  });
  observer.observe({ type: 'mark' });
  button.click();
  setTimeout(() => { observer.disconnect(); reject(new Error('no list of ${rows} rows within 20 s')); }, 20000);
})`;

/** Records animation-frame intervals until stopped; `window.__panFrames()` returns them. */
const RECORD_FRAMES_IN_PAGE = `(() => {
  const deltas = [];
  let last = performance.now();
  let on = true;
  const tick = (now) => { deltas.push(now - last); last = now; if (on) requestAnimationFrame(tick); };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  window.__panFrames = () => { on = false; return deltas; };
})()`;

interface FirstFrame {
  /** Click to the first frame drawn with every node. */
  ms: number;
  /** Click to the overview's answer (the rest is layout, graph build and drawing). */
  loadedMs: number;
}

async function firstFrame(page: Page, nodes: number): Promise<FirstFrame> {
  await page.getByTestId('explorer-overview-size').selectOption(String(nodes));
  const result: unknown = await page.evaluate(FIRST_FRAME_IN_PAGE(nodes));
  const m = result as { ms?: unknown; loaded?: unknown } | null;
  if (typeof m?.ms !== 'number') throw new Error('unexpected measurement');
  return { ms: m.ms, loadedMs: typeof m.loaded === 'number' ? m.loaded : Number.NaN };
}

/** Drags across the picture for about two seconds; the intervals between frames meanwhile. */
async function panFrames(page: Page): Promise<number[]> {
  const box = await page.getByTestId('explorer-canvas').boundingBox();
  if (!box) throw new Error('the explorer canvas is not on screen');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(RECORD_FRAMES_IN_PAGE);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 120; i++) {
    const angle = (i / 120) * 4 * Math.PI;
    await page.mouse.move(cx + Math.cos(angle) * box.width * 0.3, cy + Math.sin(angle) * box.height * 0.3);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const deltas: unknown = await page.evaluate('window.__panFrames()');
  if (!Array.isArray(deltas)) throw new Error('unexpected frame record');
  return deltas.filter((d): d is number => typeof d === 'number').slice(2);
}

/** The list view's first render with `rows` rows, `times` times (back to the picture in between); the samples. */
async function listRenders(page: Page, rows: number, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const ms: unknown = await page.evaluate(LIST_RENDER_IN_PAGE(rows));
    if (typeof ms !== 'number') throw new Error('unexpected list measurement');
    const drawn = await page.getByTestId('explorer-row').count();
    console.log(
      `list of ${rows} rows, run ${i + 1}: first render ${ms.toFixed(0)} ms (${drawn} rows in the DOM)`,
    );
    samples.push(ms);
    await page.getByTestId('explorer-view-picture').click();
    await page.getByTestId('explorer-canvas').waitFor();
  }
  return samples;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

function seed(dataDir: string): Promise<number> {
  return seedSyntheticGraph(
    dataDir,
    15_150,
    { problems: 1_500, challenges: 3_000, solutions: 2_200, parents: 400, dimension: 8 },
    'bench:ui',
  );
}

async function main(): Promise<void> {
  const dataDir = newDataDir();
  const total = await seed(dataDir);
  console.log(`seeded ${total} nodes`);
  const server = await startBrowserMode(dataDir, { MOTIV_SEED: 'off' });
  const browser = await chromium.launch({
    executablePath: process.env['MOTIV_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--no-first-run'],
  });
  const metrics: Metric[] = [];
  let met = true;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await page.goto(server.url);
    await page.getByTestId('nav-graph').click();
    await page.getByTestId('explorer-overview').waitFor();
    for (const size of SIZES) {
      const samples: number[] = [];
      const reads: number[] = [];
      // Warm-up: the first run also compiles sigma's shaders.
      await firstFrame(page, size === SIZES[0] ? 300 : 1_000);
      for (let i = 0; i < runs; i++) {
        await firstFrame(page, 300);
        const { ms, loadedMs } = await firstFrame(page, size);
        samples.push(ms);
        reads.push(loadedMs);
        console.log(
          `${size} nodes, run ${i + 1}: first frame ${ms.toFixed(0)} ms (read ${loadedMs.toFixed(0)} ms)`,
        );
      }
      const first = median(samples);
      const frames = (await panFrames(page)).sort((a, b) => a - b);
      const p95 = percentile(frames, 0.95);
      console.log(
        `${size} nodes: ${frames.length} frames while panning, p50 ${percentile(frames, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
      );
      const firstBudget = size === 5_000 ? FIRST_FRAME_BUDGET_MS : null;
      metrics.push(atMost(`first_frame_${size}_median`, first, 'ms', firstBudget));
      metrics.push(atMost(`overview_read_${size}_median`, median(reads), 'ms', null));
      metrics.push(atMost(`pan_frame_${size}_p95`, p95, 'ms', PAN_FRAME_P95_BUDGET_MS));
      metrics.push(atMost(`pan_frame_${size}_p50`, percentile(frames, 0.5), 'ms', null));
      if (firstBudget !== null && !(first <= firstBudget)) met = false;
      if (!(p95 <= PAN_FRAME_P95_BUDGET_MS)) met = false;
    }
    const largest = SIZES.at(-1) ?? 0;
    const listMs = median(await listRenders(page, largest, runs));
    metrics.push(atMost(`list_first_render_${largest}_median`, listMs, 'ms', LIST_FIRST_RENDER_BUDGET_MS));
    if (!(listMs <= LIST_FIRST_RENDER_BUDGET_MS)) met = false;
    // What was measured, to look at: test-results/bench-ui-5000.png. Taken last: after a screenshot, Chromium's
    // SwiftShader frames while panning were ~50× slower (p95 ~900 ms instead of ~17 ms).
    await page
      .getByTestId('explorer')
      .screenshot({ path: join(REPO, 'test-results', `bench-ui-${SIZES.at(-1) ?? 0}.png`) });
    metrics.push(atMost('graph_nodes', total, 'nodes', null));
    const results = benchResults('ui', metrics);
    printTable(results);
    const out = join(REPO, 'bench', 'results', 'ui.json');
    writeResults(out, results);
    console.log(`\nwrote ${out}`);
    if (!met) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
