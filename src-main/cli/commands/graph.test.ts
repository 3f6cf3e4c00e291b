import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';
import { bufferIo, writeSmallDump } from '../../test-support/graph-cli-fixture.ts';

const tempDir = useTempDirs();

interface Stats {
  nodes: Record<string, number>;
  edges: Record<string, number>;
}

async function statsOf(env: NodeJS.ProcessEnv): Promise<Stats> {
  const io = bufferIo(env);
  expect(await main(['graph', 'stats', '--json'], io)).toBe(0);
  return JSON.parse(io.stdout()) as Stats;
}

// The embedded store, through the CLI a lab admin uses. The Neo4j half (push, migrate, check against a real
// server) lives in src-main/graph/neo4j/neo4j-store.test.ts, the one file allowed to write to the test server.
describe('motiv graph (embedded store)', () => {
  it('restores a dump with --replace, dumps it back unchanged, and reports the counts', async () => {
    const dir = tempDir();
    const env = { MOTIV_DATA_DIR: join(dir, 'data') };
    const dumpFile = await writeSmallDump(dir);

    const restore = bufferIo(env);
    expect(await main(['graph', 'restore', dumpFile, '--replace'], restore)).toBe(0);
    expect(restore.stdout()).toBe('restored 4 nodes and 3 edges into the embedded store\n');

    const stats = await statsOf(env);
    expect(stats.nodes).toMatchObject({ Problem: 1, Challenge: 1, Solution: 1, Paper: 1 });
    expect(stats.edges).toMatchObject({ HAS_CHALLENGE: 1, SOLVED_BY: 1, EXTRACTED_FROM: 1 });

    const out = join(dir, 'again.json');
    expect(await main(['graph', 'dump', '--out', out], bufferIo(env))).toBe(0);
    const names = (file: string): string[] =>
      (JSON.parse(readFileSync(file, 'utf8')) as { nodes: { name: string }[] }).nodes
        .map((n) => n.name)
        .sort();
    expect(names(out)).toEqual(names(dumpFile));
    expect(names(out)).toContain('Errors compound over many `steps` "quoted"');

    const text = bufferIo(env);
    expect(await main(['graph', 'stats'], text)).toBe(0);
    expect(text.stdout()).toMatch(/^embedded store, schema version \d+/);
    expect(text.stdout()).toMatch(/HAS_CHALLENGE\s+1/);
  });

  it('carries the nodes’ notes through restore and dump (format 2); a version 1 dump still restores', async () => {
    const dir = tempDir();
    const env = { MOTIV_DATA_DIR: join(dir, 'data') };
    const dump = JSON.parse(readFileSync(await writeSmallDump(dir), 'utf8')) as { nodes: { id: string }[] };
    const v1 = join(dir, 'v1.json');
    writeFileSync(v1, JSON.stringify({ ...dump, formatVersion: 1 }));
    expect(await main(['graph', 'restore', v1, '--replace'], bufferIo(env))).toBe(0);
    const [first] = dump.nodes;
    const note = {
      nodeId: first?.id,
      text: '**noted** <script>x</script>',
      revision: 3,
      updatedBy: 'Ada',
      updatedAt: '2026-01-02T03:04:05.000Z',
    };
    const withNote = join(dir, 'with-note.json');
    writeFileSync(withNote, JSON.stringify({ ...dump, formatVersion: 2, notes: [note] }));
    expect(await main(['graph', 'restore', withNote, '--replace'], bufferIo(env))).toBe(0);
    const out = join(dir, 'out.json');
    expect(await main(['graph', 'dump', '--out', out], bufferIo(env))).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ formatVersion: 2, notes: [note] });
  });

  it('refuses a malformed dump naming the JSON path, and leaves the store as it was', async () => {
    const dir = tempDir();
    const env = { MOTIV_DATA_DIR: join(dir, 'data') };
    expect(await main(['graph', 'restore', await writeSmallDump(dir), '--replace'], bufferIo(env))).toBe(0);
    const before = await statsOf(env);

    const bad = JSON.parse(readFileSync(join(dir, 'small.json'), 'utf8')) as { nodes: { kind: string }[] };
    (bad.nodes[1] as { kind: string }).kind = 'Gadget';
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const io = bufferIo(env);
    expect(await main(['graph', 'restore', badFile, '--replace'], io)).toBe(1);
    expect(io.stderr()).toMatch(/nodes\[1\]|nodes\.1/);
    expect(await statsOf(env)).toEqual(before);

    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"format": ');
    const io2 = bufferIo(env);
    expect(await main(['graph', 'restore', notJson], io2)).toBe(1);
    expect(io2.stderr()).toContain(`${notJson}: not valid JSON`);
  });

  it('explains usage mistakes and a missing Neo4j configuration', async () => {
    const env = { MOTIV_DATA_DIR: tempDir() };
    const unknown = bufferIo(env);
    expect(await main(['graph', 'frobnicate'], unknown)).toBe(2);
    expect(unknown.stderr()).toContain('unknown subcommand "frobnicate"');

    const noFile = bufferIo(env);
    expect(await main(['graph', 'restore'], noFile)).toBe(2);
    expect(noFile.stderr()).toContain('restore needs a dump file');

    const migrate = bufferIo(env);
    expect(await main(['graph', 'migrate'], migrate)).toBe(1);
    expect(migrate.stderr()).toContain('No Neo4j server is configured');
  });
});
