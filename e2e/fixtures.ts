import { test as base, expect, _electron, type Browser, type Page, type TestInfo } from '@playwright/test';
import { join } from 'node:path';
import {
  electronBinary,
  newDataDir,
  OFFLINE_LITERATURE,
  REPO_ROOT,
  startBrowserMode,
} from './app-launcher.ts';
import { openSection } from './app-page.ts';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import type { GraphStore } from '../src-main/graph/port.ts';
import { Neo4jLab } from './neo4j-lab.ts';

export type SectionName = 'graph' | 'ideate' | 'ideas' | 'evaluate' | 'methods' | 'settings';

export interface AppHandle {
  kind: 'electron' | 'browser';
  window: Page;
  dataDir: string;
  /** Browser mode only: the URL printed at start (with its token) and the bare origin. */
  url: string | null;
  origin: string | null;
  token: string | null;
}

interface Fixtures {
  app: AppHandle;
  section: (name: SectionName) => Promise<void>;
  labGraph: LabGraph;
}

/** The graph store the app works on, opened beside it (to read back what the UI wrote); the caller closes it. */
export interface LabGraph {
  open(): GraphStore;
}

interface WorkerFixtures {
  /** The store the app runs on: its embedded file, or the real Neo4j (the `neo4j` project in playwright.config.ts). */
  graphStore: 'embedded' | 'neo4j';
  neo4jLab: Neo4jLab | null;
}

interface Options {
  /**
   * Runs on the fresh data directory before the app starts (e.g. seeds a graph through the store API). An object,
   * because Playwright would take a bare function given to `test.use` for a fixture.
   */
  prepareDataDir: { run(dataDir: string): Promise<void> } | null;
  /** Extra environment for the app process (e.g. `MOTIV_SEED: 'off'` to start with an empty graph). */
  appEnv: Record<string, string>;
  /** The section `page` opens before the test starts (e.g. every test of a settings spec starts in Settings). */
  startSection: SectionName | null;
}

/**
 * `app` is the running app with a fresh data directory per test; `page` is its window. With an Electron binary
 * present it is the real desktop app (`_electron.launch`); here, where the binary cannot be fetched, it is
 * browser mode in Debian's Chromium: the same renderer talking to the same core over loopback HTTP.
 */
export const test = base.extend<Fixtures & Options, WorkerFixtures>({
  prepareDataDir: [null, { option: true }],
  appEnv: [{}, { option: true }],
  startSection: [null, { option: true }],
  graphStore: ['embedded', { scope: 'worker', option: true }],
  // Once per worker of the Neo4j lane; the first start may fetch the jars (Maven Central) and compile the launcher.
  neo4jLab: [
    async ({ graphStore }, use) => {
      if (graphStore !== 'neo4j') return use(null);
      const lab = await Neo4jLab.start();
      try {
        await use(lab);
      } finally {
        await lab.stop();
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  app: async ({ browser, prepareDataDir, appEnv, neo4jLab }, use) => {
    const dataDir = newDataDir();
    if (prepareDataDir) await prepareDataDir.run(dataDir);
    // On Neo4j, what the spec prepared in the data directory becomes the lab graph the app opens.
    const labEnv = neo4jLab ? await neo4jLab.prepareFor(dataDir) : {};
    const binary = electronBinary();
    const launch: AppLaunch = { dataDir, appEnv: { ...appEnv, ...labEnv }, use };
    if (binary) await useElectron(binary, launch);
    else await useBrowserMode(browser, launch);
  },
  page: async ({ app, startSection }, use) => {
    if (startSection) await openSection(app.window, startSection);
    await use(app.window);
  },
  section: async ({ page }, use) => {
    await use((name) => openSection(page, name));
  },
  labGraph: async ({ app, neo4jLab }, use) => {
    await use({ open: () => neo4jLab?.open() ?? EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir)) });
  },
});

/** Runs `read` on the app's graph store and closes the handle. */
export async function readLabGraph<T>(lab: LabGraph, read: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = lab.open();
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** What either way of running the app gets: its data directory, extra environment, and the test's use of it. */
interface AppLaunch {
  dataDir: string;
  appEnv: Record<string, string>;
  use: (app: AppHandle) => Promise<void>;
}

async function useElectron(binary: string, { dataDir, appEnv, use }: AppLaunch): Promise<void> {
  const electronApp = await _electron.launch({
    executablePath: binary,
    args: [join(REPO_ROOT, 'out/main/index.js')],
    env: { ...process.env, ...OFFLINE_LITERATURE, ...appEnv, MOTIV_DATA_DIR: dataDir },
  });
  const window = await electronApp.firstWindow();
  await use({ kind: 'electron', window, dataDir, url: null, origin: null, token: null });
  await electronApp.close();
}

async function useBrowserMode(browser: Browser, { dataDir, appEnv, use }: AppLaunch): Promise<void> {
  const server = await startBrowserMode(dataDir, appEnv);
  const context = await browser.newContext();
  const window = await context.newPage();
  await window.goto(server.url);
  await use({
    kind: 'browser',
    window,
    dataDir,
    url: server.url,
    origin: server.origin,
    token: server.token,
  });
  await context.close();
  await server.stop();
}

/** A full-page screenshot kept as a test artifact (test-results/… and the report). */
export async function captureScreenshot(page: Page, name: string, testInfo: TestInfo): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}

export { expect };
