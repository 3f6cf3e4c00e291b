import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { readSeedData } from './read-seed.ts';

const tempDir = useTempDirs();
const seed = readSeedData();

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const io = bufferIo(env);
  const code = await main(args, io);
  return { code, out: io.stdout() + io.stderr() };
}

async function problemCount(env: NodeJS.ProcessEnv): Promise<number> {
  const stats = await run(['graph', 'stats', '--json'], env);
  return (JSON.parse(stats.out) as { nodes: { Problem: number } }).nodes.Problem;
}

const seedProblems = seed.graph.nodes.filter((node) => node.kind === 'Problem').length;

// Through the real CLI on a fresh data directory, as a user would meet it: seeding on, as in the app (the env
// objects below replace process.env, where vitest.config.ts turns it off for other tests).
describe('motiv graph seed and the first-run seed', () => {
  it('loads the seed on request and reports that a second run changes nothing', async () => {
    const env = { MOTIV_DATA_DIR: join(tempDir(), 'data') };
    const first = await run(['graph', 'seed'], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^seed graph loaded into the embedded store: \d+ nodes created, 0 merged, 883 edges/u,
    );
    const second = await run(['graph', 'seed'], env);
    expect(second).toEqual({ code: 0, out: 'seed graph already in the embedded store: nothing changed\n' });
    expect(await problemCount(env)).toBe(seedProblems);
  });

  it('fills a fresh store on first open, but a restore into a fresh store finds it empty', async () => {
    const fresh = { MOTIV_DATA_DIR: join(tempDir(), 'data') };
    expect(await problemCount(fresh)).toBe(seedProblems);

    const source = { MOTIV_DATA_DIR: join(tempDir(), 'data') };
    const dumpFile = join(tempDir(), 'dump.json');
    expect((await run(['graph', 'dump', '--out', dumpFile], source)).code).toBe(0);
    const target = { MOTIV_DATA_DIR: join(tempDir(), 'data') };
    const restored = await run(['graph', 'restore', dumpFile], target);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`restored ${seed.graph.nodes.length + 122} nodes`);
  });

  it('keeps a fresh store empty with MOTIV_SEED=off, and still loads it when asked', async () => {
    const env = { MOTIV_DATA_DIR: join(tempDir(), 'data'), MOTIV_SEED: 'off' };
    expect(await problemCount(env)).toBe(0);
    expect((await run(['graph', 'seed'], env)).code).toBe(0);
    expect(await problemCount(env)).toBe(seedProblems);
  });
});
