import { listPackage, statFile } from '@electron/asar';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { HARDENED_FUSES } from './fuses.ts';
import { FuseV1Options } from '@electron/fuses';
import {
  APP_RESOURCES,
  nativeBinaryPath,
  nativeModules,
  resourcePathIn,
  type AppResource,
  type ResourceName,
} from '../src-main/shared/resources.ts';

/**
 * The checks `npm run package:verify` runs on a built package: every resource and native module the resolver
 * names is where the resolver will look (the resolver's own lists, so the two cannot drift), every package the
 * main bundle imports is in the asar, no development-only package is, and the fuses are flipped.
 */
export interface PackageFacts {
  /** `<appOutDir>/resources` (Linux and Windows layout). */
  resourcesDir: string;
  /** The main bundle as built (out/main), to read the packages it imports. */
  mainBundleDir: string;
  /** The fuses as read back from the packaged binary, by name. */
  fuses: Record<string, boolean>;
  platform: NodeJS.Platform;
  arch: string;
  /** Packages that must never be shipped (the project's devDependencies). */
  devOnly: readonly string[];
}

export interface PackageReport {
  asarEntries: number;
  unpackedBinaries: string[];
  problems: string[];
}

const NODE_BUILTINS = new Set(['electron']);

/** The bare packages a bundle file imports or requires (externalized dependencies). */
export function importedPackages(code: string): string[] {
  const found = new Set<string>();
  // A package name: optional @scope/, then name and subpath; never spaces or quotes (code, not a specifier).
  const name = String.raw`((?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.@-]+)*)`;
  const patterns = [
    new RegExp(String.raw`^\s*(?:import|export)\b[^;]*?\bfrom\s*["']` + name + `["']`, 'gm'),
    new RegExp(String.raw`^\s*import\s*["']` + name + `["']`, 'gm'),
    new RegExp(String.raw`\b(?:import|require)\s*\(\s*["']` + name + String.raw`["']\s*\)`, 'g'),
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const spec = match[1] ?? '';
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      if (NODE_BUILTINS.has(spec) || builtinModules.includes(spec)) continue;
      const parts = spec.split('/');
      found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
    }
  }
  return [...found].sort();
}

export function checkPackage(facts: PackageFacts): PackageReport {
  const problems: string[] = [];
  const asar = join(facts.resourcesDir, 'app.asar');
  if (!existsSync(asar))
    return { asarEntries: 0, unpackedBinaries: [], problems: [`no app.asar in ${facts.resourcesDir}`] };
  const entries = new Set(listPackage(asar, { isPack: false }).map((entry) => entry.replace(/\\/g, '/')));
  const inAsar = (path: string): boolean => entries.has(`/${path}`);
  const hasFilesUnder = (dir: string): boolean => [...entries].some((entry) => entry.startsWith(`/${dir}/`));

  for (const name of Object.keys(APP_RESOURCES) as ResourceName[]) {
    const resource: AppResource = APP_RESOURCES[name];
    const where = `${name} (${resource.path}, read by ${resource.readBy})`;
    if (resource.placement === 'asar') {
      const present = resource.kind === 'dir' ? hasFilesUnder(resource.path) : inAsar(resource.path);
      if (!present) problems.push(`${where}: not in app.asar`);
    } else if (!existsSync(resourcePathIn(asar, name))) {
      problems.push(`${where}: not in app.asar.unpacked`);
    }
  }

  const unpackedBinaries: string[] = [];
  for (const module of nativeModules(facts.platform, facts.arch)) {
    const inside = `node_modules/${module.packageName}/${module.binary}`;
    const onDisk = nativeBinaryPath(asar, module);
    if (!inAsar(inside))
      problems.push(`${module.packageName}: ${inside} is not in the package (${module.loadedBy})`);
    else if (!statFile(asar, inside).unpacked || !existsSync(onDisk))
      problems.push(`${module.packageName}: ${inside} is inside the asar, not unpacked (${module.loadedBy})`);
    else unpackedBinaries.push(inside);
  }

  for (const bundle of ['index.js', 'pdf-worker.js']) {
    const code = readFileSync(join(facts.mainBundleDir, bundle), 'utf8');
    for (const pkg of importedPackages(code)) {
      if (!inAsar(`node_modules/${pkg}/package.json`))
        problems.push(`out/main/${bundle} imports ${pkg}, which is not in the package`);
    }
  }
  // Type packages may come in as a production package's own dependency (@types/node): inert, allowed.
  for (const pkg of facts.devOnly.filter((name) => !name.startsWith('@types/'))) {
    if (inAsar(`node_modules/${pkg}/package.json`))
      problems.push(`${pkg} is a devDependency but was packaged`);
  }

  for (const [option, wanted] of Object.entries(HARDENED_FUSES)) {
    if (option === 'version') continue;
    const name = FuseV1Options[Number(option)] ?? option;
    if (facts.fuses[name] !== wanted)
      problems.push(`fuse ${name} is ${String(facts.fuses[name])}, wanted ${String(wanted)}`);
  }
  return { asarEntries: entries.size, unpackedBinaries, problems };
}
