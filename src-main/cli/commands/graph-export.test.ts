import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseGraphDump } from '../../graph/dump-format.ts';
import { bufferIo, writeSmallDump } from '../../test-support/graph-cli-fixture.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';

const tempDir = useTempDirs();

async function restoredEnv(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = tempDir();
  const env = { MOTIV_DATA_DIR: join(dir, 'data'), MOTIV_SEED: 'off' };
  expect(await main(['graph', 'restore', await writeSmallDump(dir), '--replace'], bufferIo(env))).toBe(0);
  return { dir, env };
}

describe('motiv graph export', () => {
  it('writes GraphML to stdout, a JSON dump to --out, and CSV as two files beside --out', async () => {
    const { dir, env } = await restoredEnv();
    const graphml = bufferIo(env);
    expect(await main(['graph', 'export', '--format', 'graphml'], graphml)).toBe(0);
    expect(graphml.stdout()).toMatch(/^<\?xml version="1.0"/);
    expect(graphml.stdout()).toContain('Errors compound over many `steps` &quot;quoted&quot;');
    expect(graphml.stdout().match(/<node /g)).toHaveLength(4);

    const jsonFile = join(dir, 'out.json');
    const json = bufferIo(env);
    expect(await main(['graph', 'export', '--format', 'json', '--out', jsonFile], json)).toBe(0);
    expect(json.stderr()).toBe(`exported 4 nodes and 3 edges: ${jsonFile}\n`);
    const dump = parseGraphDump(JSON.parse(readFileSync(jsonFile, 'utf8')));
    expect(dump.nodes).toHaveLength(4);

    const problem = dump.nodes.find((n) => n.kind === 'Problem');
    const challenge = dump.nodes.find((n) => n.kind === 'Challenge');
    const ids = `${problem?.id},${challenge?.id}`;
    const csv = bufferIo(env);
    expect(
      await main(['graph', 'export', '--format', 'csv', '--ids', ids, '--out', join(dir, 'lab.csv')], csv),
    ).toBe(0);
    expect(existsSync(join(dir, 'lab.csv'))).toBe(false);
    const nodes = parseCsv(readFileSync(join(dir, 'lab.nodes.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const edges = parseCsv(readFileSync(join(dir, 'lab.edges.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(nodes.map((n) => n.name).sort()).toEqual([challenge?.name, problem?.name].sort());
    expect(edges.map((e) => e.type)).toEqual(['HAS_CHALLENGE']);
  });

  it('refuses an unknown format, CSV without --out, and a selection naming a missing node', async () => {
    const { env } = await restoredEnv();
    const noFormat = bufferIo(env);
    expect(await main(['graph', 'export', '--format', 'xlsx'], noFormat)).toBe(2);
    expect(noFormat.stderr()).toContain('export needs --format json|graphml|csv');
    const csv = bufferIo(env);
    expect(await main(['graph', 'export', '--format', 'csv'], csv)).toBe(2);
    expect(csv.stderr()).toContain('give --out FILE');
    const missing = bufferIo(env);
    expect(await main(['graph', 'export', '--format', 'json', '--ids', 'nope'], missing)).toBe(1);
    expect(missing.stderr()).toContain('no longer in the graph');
  });
});
