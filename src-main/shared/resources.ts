import { basename, join, sep } from 'node:path';
import { findProjectRoot } from './project-path.ts';

/**
 * The one resource resolver: every file the app reads at run time is named here once, with where it lives. The
 * same relative path holds in all three layouts, because each has our package.json at its root:
 * - sources (CLI, browser mode, tests): the project root;
 * - the electron-vite bundle in `out/`: still the project root (out/main → ..);
 * - a packaged app: `<resources>/app.asar` (Electron reads inside the archive like a folder), and
 *   `<resources>/app.asar.unpacked` for what native code, the OS or another process must open as a real file.
 * electron-builder.config.mjs builds its `files` and `asarUnpack` from these lists, and `npm run package:verify`
 * checks the built package against them, so the package and the resolver cannot drift apart.
 */

/** In the asar (read through Electron's fs), or unpacked beside it (opened by native code as a real file). */
export type Placement = 'asar' | 'unpacked';

export interface AppResource {
  /** The app root-relative path, '/'-separated. */
  path: string;
  kind: 'file' | 'dir';
  placement: Placement;
  /** Who reads it, for the package check's messages. */
  readBy: string;
}

export const APP_RESOURCES = {
  manifest: { path: 'package.json', kind: 'file', placement: 'asar', readBy: 'core/app-version.ts' },
  main: {
    path: 'out/main/index.js',
    kind: 'file',
    placement: 'asar',
    readBy: 'Electron (package.json main)',
  },
  pdfWorker: {
    path: 'out/main/pdf-worker.js',
    kind: 'file',
    placement: 'asar',
    readBy: 'papers/pdf-isolated.ts (a worker thread; Electron ≥ 17 reads workers from the asar)',
  },
  preload: { path: 'out/preload/preload.cjs', kind: 'file', placement: 'asar', readBy: 'index.ts' },
  renderer: { path: 'out/renderer', kind: 'dir', placement: 'asar', readBy: 'index.ts (app:// protocol)' },
  cypherMigrations: {
    path: 'graph/migrations',
    kind: 'dir',
    placement: 'asar',
    readBy: 'graph/neo4j/migrations.ts',
  },
  seedGraph: {
    path: 'graph/seed/motivgraph.json',
    kind: 'file',
    placement: 'asar',
    readBy: 'graph/seed/read-seed.ts',
  },
  seedVectors: {
    path: 'graph/seed/motivgraph.minilm.json',
    kind: 'file',
    placement: 'asar',
    readBy: 'embeddings/seed-vectors.ts',
  },
  planningMethods: {
    path: 'resources/planning-methods.json',
    kind: 'file',
    placement: 'asar',
    readBy: 'atlas/atlas-dataset.ts (the renderer bundles its own copy through Vite)',
  },
  seedPapers: {
    path: 'resources/seed-papers.json',
    kind: 'file',
    placement: 'asar',
    readBy: 'graph/seed/read-seed.ts (the seed graph names it)',
  },
  ideatorPrompts: {
    path: 'src-main/ideator/prompts',
    kind: 'dir',
    placement: 'asar',
    readBy: 'ideator/prompts.ts',
  },
  judgeRubrics: { path: 'src-main/judge/rubrics', kind: 'dir', placement: 'asar', readBy: 'judge/rubric.ts' },
  icon: {
    path: 'resources/icons/icon.png',
    kind: 'file',
    placement: 'asar',
    readBy: 'index.ts (window icon)',
  },
} as const satisfies Record<string, AppResource>;

export type ResourceName = keyof typeof APP_RESOURCES;

/**
 * Not in this list on purpose: the embedding model files are downloaded into the data directory
 * (embeddings/minilm-files.ts), never shipped; test fixtures and the scripted LLM stay out of the package.
 */

export interface NativeModule {
  /** The npm package, unpacked whole: its binary loads sibling libraries by relative path. */
  packageName: string;
  /** The binary the app loads on this platform, relative to the package folder. */
  binary: string;
  loadedBy: string;
}

/** The native modules the app loads on a platform, each unpacked from the asar so the OS can map it. */
export function nativeModules(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): NativeModule[] {
  const target = `${platform}-${arch}`;
  const library = platform === 'win32' ? 'dll' : platform === 'darwin' ? 'dylib' : 'so';
  return [
    { packageName: 'better-sqlite3', binary: `prebuilds/${target}.node`, loadedBy: 'every SQLite file' },
    {
      packageName: `sqlite-vec-${target}`,
      binary: `vec0.${library}`,
      loadedBy: 'graph/embedded/open-database.ts (loadExtension: a real path)',
    },
    {
      packageName: 'onnxruntime-node',
      binary: `bin/napi-v6/${platform}/${arch}/onnxruntime_binding.node`,
      loadedBy: 'embeddings (transformers.js)',
    },
    {
      packageName: `@node-llama-cpp/${target}`,
      binary: `bins/${target}/llama-addon.node`,
      loadedBy: 'local-llm (node-llama-cpp)',
    },
  ];
}

/** The glob patterns (relative to the app root) that electron-builder must unpack from the asar. */
export function unpackPatterns(): string[] {
  const resources = Object.values(APP_RESOURCES as Record<string, AppResource>)
    .filter((resource) => resource.placement === 'unpacked')
    .map((resource) => (resource.kind === 'dir' ? `${resource.path}/**` : resource.path));
  // Every platform's variant of each package (one config builds Linux, macOS and Windows).
  const packages = ['better-sqlite3', 'sqlite-vec-*', 'onnxruntime-node', '@node-llama-cpp'];
  return [...resources, ...packages.map((name) => `node_modules/${name}/**`)];
}

/** The glob patterns of our own files the package holds (electron-builder adds the production node_modules). */
export function packagedFilePatterns(): string[] {
  return Object.values(APP_RESOURCES as Record<string, AppResource>).map((resource) =>
    resource.kind === 'dir' ? `${resource.path}/**` : resource.path,
  );
}

const ASAR = 'app.asar';

/** The folder beside the asar that holds what was unpacked; the root itself outside a package. */
export function unpackedRoot(appRoot: string): string {
  return basename(appRoot) === ASAR ? `${appRoot}.unpacked` : appRoot;
}

/**
 * A path a library computed inside the asar (e.g. sqlite-vec's loadable path), moved to the unpacked copy:
 * native code cannot open a file inside the archive. Outside a package the path is returned as it is.
 */
export function outsideAsar(path: string): string {
  const marker = `${sep}${ASAR}${sep}`;
  return path.includes(marker) ? path.replace(marker, `${sep}${ASAR}.unpacked${sep}`) : path;
}

let root: string | undefined;

/** The app root: the project in development and in out/, `<resources>/app.asar` in a packaged app. */
export function appRoot(): string {
  root ??= findProjectRoot(import.meta.dirname);
  return root;
}

/** A resource's path in the layout the app runs from (`rootDir` for tests: a folder shaped like a layout). */
export function resourcePath(name: ResourceName, ...inside: string[]): string {
  return resourcePathIn(appRoot(), name, ...inside);
}

export function resourcePathIn(rootDir: string, name: ResourceName, ...inside: string[]): string {
  const resource: AppResource = APP_RESOURCES[name];
  const base = resource.placement === 'unpacked' ? unpackedRoot(rootDir) : rootDir;
  return join(base, ...resource.path.split('/'), ...inside);
}

/** A native module's binary in the layout at `rootDir` (always the unpacked copy in a package). */
export function nativeBinaryPath(rootDir: string, module: NativeModule): string {
  return join(
    unpackedRoot(rootDir),
    'node_modules',
    ...module.packageName.split('/'),
    ...module.binary.split('/'),
  );
}
