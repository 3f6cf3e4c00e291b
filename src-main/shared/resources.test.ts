import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { findProjectRoot } from './project-path.ts';
import {
  APP_RESOURCES,
  appRoot,
  nativeBinaryPath,
  nativeModules,
  outsideAsar,
  packagedFilePatterns,
  resourcePathIn,
  unpackPatterns,
  type AppResource,
  type ResourceName,
} from './resources.ts';

const tempDir = useTempDirs();
const NAMES = Object.keys(APP_RESOURCES) as ResourceName[];

/** Writes package.json at `root` and every resource and native binary where a layout keeps it. */
function shapeLayout(root: string, unpackedRoot: string): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'motivgraph-studio' }));
  for (const name of NAMES) {
    const resource: AppResource = APP_RESOURCES[name];
    const base = resource.placement === 'unpacked' ? unpackedRoot : root;
    const path = join(base, ...resource.path.split('/'));
    if (resource.kind === 'dir') mkdirSync(path, { recursive: true });
    else if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '{}');
    }
  }
  for (const module of nativeModules('linux', 'x64')) {
    const path = join(unpackedRoot, 'node_modules', ...module.packageName.split('/'), module.binary);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'ELF');
  }
}

/** The root the resolver finds from a code folder, and whether every resource and binary is where it looks. */
function resolveFrom(codeDir: string): { root: string; missing: string[] } {
  mkdirSync(codeDir, { recursive: true });
  const root = findProjectRoot(codeDir);
  const missing = [
    ...NAMES.map((name) => resourcePathIn(root, name)),
    ...nativeModules('linux', 'x64').map((module) => nativeBinaryPath(root, module)),
  ].filter((path) => !existsSync(path));
  return { root, missing };
}

describe('the resource resolver', () => {
  it('finds everything from the sources (CLI, browser mode, tests run src-main/… directly)', () => {
    const project = tempDir();
    shapeLayout(project, project);
    expect(resolveFrom(join(project, 'src-main', 'shared'))).toEqual({ root: project, missing: [] });
  });

  it('finds everything from the electron-vite bundle in out/main', () => {
    const project = tempDir();
    shapeLayout(project, project);
    expect(resolveFrom(join(project, 'out', 'main'))).toEqual({ root: project, missing: [] });
  });

  it('finds everything in a packaged app: the asar for data, app.asar.unpacked for native code', () => {
    const resources = join(tempDir(), 'resources');
    const asar = join(resources, 'app.asar');
    shapeLayout(asar, `${asar}.unpacked`);
    const found = resolveFrom(join(asar, 'out', 'main'));
    expect(found).toEqual({ root: asar, missing: [] });
    expect(nativeBinaryPath(asar, nativeModules('linux', 'x64')[1]!)).toBe(
      join(`${asar}.unpacked`, 'node_modules', 'sqlite-vec-linux-x64', 'vec0.so'),
    );
  });

  it('moves a library path computed inside the asar (sqlite-vec) to the unpacked copy, and only then', () => {
    const inAsar = join('/opt', 'MotivGraph Studio', 'resources', 'app.asar', 'node_modules', 'x', 'vec0.so');
    expect(outsideAsar(inAsar)).toBe(
      join('/opt', 'MotivGraph Studio', 'resources', 'app.asar.unpacked', 'node_modules', 'x', 'vec0.so'),
    );
    const dev = join('/work', 'app', 'node_modules', 'x', 'vec0.so');
    expect(outsideAsar(dev)).toBe(dev);
  });

  it('names every file the sources ship, and they exist in this checkout', () => {
    const root = appRoot();
    const shipped = NAMES.filter((name) => !APP_RESOURCES[name].path.startsWith('out/'));
    expect(shipped.filter((name) => !existsSync(resourcePathIn(root, name)))).toEqual([]);
  });

  it('gives electron-builder its file and unpack patterns from the same lists', () => {
    expect(packagedFilePatterns()).toContain('graph/migrations/**');
    expect(packagedFilePatterns()).toContain('src-main/ideator/prompts/**');
    for (const module of nativeModules()) {
      const top = module.packageName.startsWith('@')
        ? module.packageName.split('/')[0]!
        : module.packageName.replace(/-(linux|darwin|win32)-.*$/, '-*');
      expect(unpackPatterns()).toContain(`node_modules/${top}/**`);
    }
  });
});
