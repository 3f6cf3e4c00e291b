import { createPackageWithOptions } from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_RESOURCES, nativeModules, type ResourceName } from '../src-main/shared/resources.ts';
import { useTempDirs } from '../src-main/test-support/temp-dir.ts';
import { HARDENED_FUSES } from './fuses.ts';
import { checkPackage, importedPackages, type PackageFacts } from './package-check.ts';

const tempDir = useTempDirs();

const hardened = (): Record<string, boolean> =>
  Object.fromEntries(
    Object.entries(HARDENED_FUSES)
      .filter(([option]) => option !== 'version')
      .map(([option, on]) => [FuseV1Options[Number(option)] ?? option, on === true]),
  );

function put(root: string, path: string, text = 'x'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A real asar (packed by @electron/asar, as electron-builder does) of an app folder shaped like ours. */
async function packApp(options: {
  leave?: ResourceName;
  packNative?: boolean;
  withoutNeo4j?: boolean;
}): Promise<PackageFacts> {
  const work = tempDir();
  const app = join(work, 'app');
  for (const name of Object.keys(APP_RESOURCES) as ResourceName[]) {
    if (name === options.leave) continue;
    const resource = APP_RESOURCES[name];
    put(app, resource.kind === 'dir' ? `${resource.path}/file` : resource.path);
  }
  const packages = options.withoutNeo4j ? ['zod', 'sqlite-vec'] : ['zod', 'sqlite-vec', 'neo4j-driver'];
  for (const pkg of packages) put(app, `node_modules/${pkg}/package.json`, '{}');
  for (const module of nativeModules('linux', 'x64'))
    put(app, `node_modules/${module.packageName}/${module.binary}`);
  const bundles = join(work, 'out-main');
  put(
    bundles,
    'index.js',
    'import { z } from "zod";\nimport * as vec from "sqlite-vec";\nconst neo = await import("neo4j-driver");\n',
  );
  put(bundles, 'pdf-worker.js', 'import { readFileSync } from "node:fs";\n');
  const resources = join(work, 'resources');
  mkdirSync(resources);
  await createPackageWithOptions(
    app,
    join(resources, 'app.asar'),
    options.packNative ? {} : { unpack: '*.{node,so}' },
  );
  return {
    resourcesDir: resources,
    mainBundleDir: bundles,
    fuses: hardened(),
    platform: 'linux',
    arch: 'x64',
    devOnly: [],
  };
}

describe('the package check', () => {
  it('names what the main bundle imports, not node built-ins or relative chunks', () => {
    const code =
      'import a from "openai";\nimport { x } from "./chunks/a.js";\nimport fs from "node:fs";\nrequire("path");\nconst s = await import("@scope/pkg/sub");\nlabel("from", "a b")';
    expect(importedPackages(code)).toEqual(['@scope/pkg', 'openai']);
  });

  it('finds a missing resource, a native binary left inside the asar, a missing dependency and an unset fuse', async () => {
    const facts = await packApp({ leave: 'judgeRubrics', packNative: true, withoutNeo4j: true });
    const report = checkPackage({ ...facts, fuses: { ...facts.fuses, RunAsNode: true } });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^judgeRubrics \(src-main\/judge\/rubrics, read by judge\/rubric\.ts\): not in app\.asar$/,
        ),
        expect.stringMatching(
          /^better-sqlite3: node_modules\/better-sqlite3\/prebuilds\/linux-x64\.node is inside the asar, not unpacked/,
        ),
        'out/main/index.js imports neo4j-driver, which is not in the package',
        'fuse RunAsNode is true, wanted false',
      ]),
    );
  });

  it('passes a package laid out as the resolver expects, with native code unpacked', async () => {
    const facts = await packApp({});
    const report = checkPackage(facts);
    expect(report.problems).toEqual([]);
    expect(report.unpackedBinaries).toHaveLength(nativeModules('linux', 'x64').length);
  });
});
