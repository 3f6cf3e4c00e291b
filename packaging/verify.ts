/**
 * `npm run package:verify`: builds the unpacked Linux `dir` target with electron-builder and the project's own
 * config, on a stand-in Electron distribution (Electron's binary cannot be downloaded here), then checks the
 * result against the resource resolver's lists (package-check.ts). Exits 1 with the list of problems.
 * Runs after `electron-vite build` (the package script does both).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFuses } from './fuses.ts';
import { checkPackage } from './package-check.ts';
import { writeStandInElectron } from './stand-in-electron.ts';

const ROOT = join(import.meta.dirname, '..');
/** What electron-builder reads from the project: its config and the modules it imports, and the app's files. */
const STAGED = [
  'package.json',
  'package-lock.json',
  'electron-builder.config.ts',
  'packaging',
  'src-main',
  'out',
  'graph',
  'resources',
];
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const electronVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * The project electron-builder reads. A checkout whose node_modules is a symlink to a shared install (several
 * worktrees on one machine) makes \`npm list\` report the production dependencies as missing, and electron-builder
 * would then leave them out; such a checkout is staged in a temporary folder with node_modules hard-linked (no
 * bytes copied). A normal checkout (CI's clean clone) is built where it is.
 */
function buildableProject(work: string): string {
  const modules = join(ROOT, 'node_modules');
  if (!lstatSync(modules).isSymbolicLink()) return ROOT;
  const stage = join(work, 'project');
  for (const entry of STAGED) cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  execFileSync('cp', ['-al', realpathSync(modules), join(stage, 'node_modules')]);
  return stage;
}

const work = mkdtempSync(join(tmpdir(), 'motiv-package-'));
const keep = process.env['MOTIV_KEEP_PACKAGE'] === '1';
try {
  const projectDir = buildableProject(work);
  const electronDist = join(work, 'electron-dist');
  const output = join(work, 'dist');
  writeStandInElectron(electronDist, electronVersion);
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--projectDir',
      projectDir,
      '--config',
      'electron-builder.config.ts',
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${output}`,
    ],
    {
      cwd: projectDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    },
  );
  const appOutDir = join(output, 'linux-unpacked');
  const report = checkPackage({
    resourcesDir: join(appOutDir, 'resources'),
    mainBundleDir: join(projectDir, 'out', 'main'),
    fuses: await readFuses(join(appOutDir, 'motivgraph-studio')),
    platform: 'linux',
    arch: 'x64',
    devOnly: Object.keys(manifest.devDependencies),
  });
  process.stdout.write(
    `package:verify: ${report.asarEntries} entries in app.asar; unpacked: ${report.unpackedBinaries.join(', ')}\n`,
  );
  if (report.problems.length) {
    process.stderr.write(
      `package:verify: ${report.problems.length} problem(s):\n  ${report.problems.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      'package:verify: every resource and native module is where the resolver looks; fuses set\n',
    );
  }
  if (keep) process.stdout.write(`package kept in ${appOutDir}\n`);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
