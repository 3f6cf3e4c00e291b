import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../shared/project-path.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

const run = promisify(execFile);
const tempDir = useTempDirs();
const ROOT = projectPath();

/**
 * `npx motiv` the way a newcomer types it: npm itself on the machine's Node (the project's node_modules/.bin
 * left off PATH, so npm does not run on the pinned Node 24), and a fresh npm cache, so npx installs the project
 * into its cache as it does on a new checkout (that install is where npm checks `engines`).
 */
async function npxAsNewcomer(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const localBin = join(ROOT, 'node_modules', '.bin');
  const path = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.startsWith(localBin))
    .join(delimiter);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: path,
    npm_config_cache: tempDir(),
    MOTIV_DATA_DIR: tempDir(),
  };
  for (const name of Object.keys(env))
    if (name.startsWith('npm_') && name !== 'npm_config_cache') delete env[name];
  return run('npx', args, { cwd: ROOT, env, timeout: 60_000 });
}

describe('npx motiv', () => {
  it('runs on the pinned Node 24 without npm engine notices, whatever Node npm itself runs on', async () => {
    const { stdout, stderr } = await npxAsNewcomer(['motiv', 'doctor', '--json']);
    expect(stderr).not.toContain('EBADENGINE');
    expect(stderr).toBe('');
    expect((JSON.parse(stdout) as { node: string }).node).toMatch(/^v24\./);
  }, 90_000);

  it('keeps the Node 24 pin where it acts: the node devDependency every npm script and npx bin runs on', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(manifest.devDependencies['node']).toBe('^24');
    // engines is what npm checks against the Node npm itself runs on, which never runs our code
    expect(manifest.engines.node).not.toMatch(/24/);
  });
});
