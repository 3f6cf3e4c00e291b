import { describe, expect, it } from 'vitest';
import { seedIdeatorSessions } from '../../judge/test-ideas.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';

const tempDir = useTempDirs();

describe('motiv ideas', () => {
  it('lists, tags, searches, archives, restores and deletes through the library channels', async () => {
    const dataDir = tempDir();
    seedIdeatorSessions(dataDir, 'graph neural networks for drug discovery', ['alpha', 'beta']);
    const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
      const io = bufferIo({ MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' });
      const code = await main(['ideas', ...args], io);
      return { code, out: io.stdout(), err: io.stderr() };
    };

    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ID\s+STATUS\s+TITLE/);
    expect(listed.out).toContain('id-alpha');
    expect(listed.out).toContain('Idea beta for the topic');

    expect((await run('tag', 'id-alpha', 'gnn', 'drugs')).out).toBe('id-alpha: gnn, drugs\n');
    expect((await run('tag', 'id-alpha', 'later')).out).toBe('id-alpha: gnn, drugs, later\n');
    const json = JSON.parse((await run('list', '--json')).out) as { id: string; tags: string[] }[];
    expect(json.find((e) => e.id === 'id-alpha')?.tags).toEqual(['gnn', 'drugs', 'later']);

    const found = await run('search', 'beta');
    expect(found.out).toContain('id-beta');
    expect(found.out).not.toContain('id-alpha');

    expect((await run('archive', 'id-beta')).out).toBe('id-beta: archived\n');
    expect((await run('list')).out).not.toContain('id-beta');
    expect((await run('list', '--all')).out).toContain('id-beta');

    const refused = await run('delete', 'id-beta');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('confirm');
    expect((await run('delete', 'id-beta', '--confirm', 'id-beta')).code).toBe(0);
    expect((await run('list', '--all')).out).not.toContain('id-beta');
    expect((await run('undelete', 'id-beta')).code).toBe(0);
    expect((await run('restore', 'id-beta')).out).toBe('id-beta: restored\n');
    expect((await run('list')).out).toContain('id-beta');
  });

  it('names the unknown id and refuses bad usage', async () => {
    const dataDir = tempDir();
    seedIdeatorSessions(dataDir, 'topic', ['alpha']);
    const io = bufferIo({ MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' });
    expect(await main(['ideas', 'archive', 'id-nope'], io)).not.toBe(0);
    expect(io.stderr()).toContain('id-nope');
    expect(await main(['ideas', 'tag', 'id-alpha'], bufferIo({ MOTIV_DATA_DIR: dataDir }))).toBe(2);
    expect(await main(['ideas', 'frobnicate'], bufferIo({ MOTIV_DATA_DIR: dataDir }))).toBe(2);
    expect(await main(['ideas', 'search', '***'], bufferIo({ MOTIV_DATA_DIR: dataDir }))).not.toBe(0);
  });
});
