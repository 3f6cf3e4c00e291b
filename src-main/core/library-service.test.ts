import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  LibraryEntry,
  LibraryListResponse,
  LibraryMeta,
  LibrarySearchResponse,
} from '../contract/library.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { seedIdeatorSessions } from '../judge/test-ideas.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';

/** The library channels through dispatch, on real SQLite files (ideator, judgments, library). */

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function openCore(dataDir: string): Core {
  const core = createCore({ env: { MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' } });
  cores.push(core);
  return core;
}

function seeded(): { dataDir: string; core: Core } {
  const dataDir = tempDir();
  seedIdeatorSessions(dataDir, TOPIC, ['alpha', 'beta', 'gamma']);
  const sessions = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    // alpha went through two mentor rounds and was accepted by the mentor.
    sessions.appendTurn('s1', {
      ideaId: 'id-alpha',
      round: 1,
      kind: 'mentor',
      content: 'Is the zebrafinch baseline fair?',
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: { aspect: 'novelty' },
    });
    sessions.appendTurn('s1', {
      ideaId: 'id-alpha',
      round: 2,
      kind: 'mentor',
      content: 'Good.',
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: { aspect: 'feasibility', verdict: 'accept' },
    });
    sessions.updateIdea('id-alpha', { phase: 'done', outcome: 'accepted', decidedBy: 'mentor', round: 2 });
    sessions.updateIdea('id-beta', { phase: 'done', outcome: 'rejected', decidedBy: 'user' });
  } finally {
    sessions.close();
  }
  return { dataDir, core: openCore(dataDir) };
}

const call = (core: Core): ReturnType<typeof resultCaller> => resultCaller(channelCaller(core));

describe('library.list', () => {
  it('lists every idea of the sessions with status, versions, author, dialogue summary and stored scores', async () => {
    const { dataDir, core } = seeded();
    const judgments = new JudgmentStore(join(dataDir, 'judgments.sqlite'));
    const dim = (score: number): { score: number; rationale: string } => ({ score, rationale: 'because' });
    judgments.put({
      kind: 'direct',
      rubricVersion: 'r1',
      model: 'judge-m',
      promptHash: 'h1',
      ideaIds: ['id-alpha'],
      result: {
        novelty: dim(8),
        experiment: dim(6),
        motivation: dim(7),
        feasibility: dim(5),
        clarity: dim(9),
      },
      promptTokens: 1,
      completionTokens: 1,
      costUsd: 0,
      repairs: 0,
    });
    judgments.close();
    core.settings.update({ profile: { displayName: 'Ada' } });

    const list = await call(core)<LibraryListResponse>('library.list', {});
    expect(list.full).toBe(true);
    const byId = new Map(list.entries.map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual(['id-alpha', 'id-beta', 'id-gamma', 'id-unwritten']);
    const alpha = byId.get('id-alpha') as LibraryEntry;
    expect(alpha).toMatchObject({
      sessionId: 's1',
      topic: TOPIC,
      status: 'accepted',
      versions: 1,
      author: 'Ada',
      source: 'mine',
      title: 'Idea alpha for the topic',
      tags: [],
      note: '',
      archived: false,
      metaRevision: 0,
    });
    expect(alpha.scores?.byDimension.novelty).toBe(8);
    expect(alpha.scores?.paperMean).toBe(7);
    expect(alpha.dialogueSummary).toEqual({
      rounds: 2,
      aspects: ['novelty', 'feasibility'],
      verdict: 'accepted',
      decidedBy: 'mentor',
      text: '2 rounds; questioned novelty, feasibility; accepted by the mentor',
    });
    expect(byId.get('id-beta')?.status).toBe('rejected');
    expect(byId.get('id-beta')?.dialogueSummary.text).toBe('0 rounds; rejected by you');
    expect(byId.get('id-gamma')?.status).toBe('draft');
    expect(byId.get('id-unwritten')?.versions).toBe(0);
  });

  it('answers a cursor with only what changed since, and the ids that are gone', async () => {
    const { core } = seeded();
    const lib = call(core);
    const events = recordEvents<{ seq: number; ideaIds: string[] }>(core, 'library.changed');
    const first = await lib<LibraryListResponse>('library.list', {});
    const same = await lib<LibraryListResponse>('library.list', { changedSince: first.cursor });
    expect(same).toMatchObject({ full: false, entries: [], removedIds: [], cursor: first.cursor });

    const saved = await lib<LibraryMeta>('library.update', {
      ideaId: 'id-beta',
      baseRevision: 0,
      tags: ['gnn', 'gnn', 'drugs'],
      note: '# Why\nzebrafinch',
    });
    expect(saved).toMatchObject({ tags: ['gnn', 'drugs'], revision: 1 });
    expect(events.at(-1)?.ideaIds).toEqual(['id-beta']);
    const changed = await lib<LibraryListResponse>('library.list', { changedSince: first.cursor });
    expect(changed.entries.map((e) => e.id)).toEqual(['id-beta']);
    expect(changed.entries[0]).toMatchObject({ tags: ['gnn', 'drugs'], metaRevision: 1 });

    await lib('library.archive', { ideaId: 'id-beta' });
    const deleted = await lib<{ undoUntil: string }>('library.delete', {
      ideaId: 'id-beta',
      confirm: 'id-beta',
    });
    expect(Date.parse(deleted.undoUntil)).toBeGreaterThan(Date.now() + 9 * 60_000);
    const gone = await lib<LibraryListResponse>('library.list', { changedSince: changed.cursor });
    expect(gone).toMatchObject({ entries: [], removedIds: ['id-beta'] });

    await lib('library.undelete', { ideaId: 'id-beta' });
    const back = await lib<LibraryListResponse>('library.list', { changedSince: gone.cursor });
    expect(back.entries.map((e) => e.id)).toEqual(['id-beta']);
    expect(back.entries[0]).toMatchObject({ archived: true, note: '# Why\nzebrafinch' });

    // A cursor from another library file (or garbage) gets the whole list.
    const foreign = await lib<LibraryListResponse>('library.list', {
      changedSince: '00000000-0000-0000-0000-000000000000:3',
    });
    expect(foreign.full).toBe(true);
    expect(foreign.entries).toHaveLength(4);
  });

  it('refuses a save from a stale revision with CONFLICT carrying the current row (two writers, two cores)', async () => {
    const { dataDir, core } = seeded();
    const other = openCore(dataDir);
    const a = call(core);
    await a('library.update', { ideaId: 'id-alpha', baseRevision: 0, note: 'mine' });
    const reply = await channelCaller(other)('library.update', {
      ideaId: 'id-alpha',
      baseRevision: 0,
      note: 'theirs',
    });
    expect(reply).toMatchObject({
      error: { code: 'CONFLICT', details: { current: { note: 'mine', revision: 1 } } },
    });
    const list = await a<LibraryListResponse>('library.list', {});
    expect(list.entries.find((e) => e.id === 'id-alpha')?.note).toBe('mine');
  });

  it('deletes only an archived idea, only with the confirm field, and nothing unknown', async () => {
    const { core } = seeded();
    const raw = channelCaller(core);
    expect(await raw('library.delete', { ideaId: 'id-gamma', confirm: 'yes' })).toMatchObject({
      error: { code: 'VALIDATION', details: { field: 'confirm' } },
    });
    expect(await raw('library.delete', { ideaId: 'id-gamma', confirm: 'id-gamma' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await raw('library.archive', { ideaId: 'nope' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await raw('library.undelete', { ideaId: 'id-gamma' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    const list = await call(core)<LibraryListResponse>('library.list', {});
    expect(list.entries.find((e) => e.id === 'id-gamma')?.archived).toBe(false);
  });
});

describe('library.changed', () => {
  it('follows the sessions: a decision in the ideator reaches other windows as the changed entry', async () => {
    const { core } = seeded();
    const lib = call(core);
    const first = await lib<LibraryListResponse>('library.list', {});
    const events = recordEvents<{ seq: number; ideaIds: string[] }>(core, 'library.changed');
    const decided = await channelCaller(core)('ideator.decide', { ideaId: 'id-gamma', decision: 'accept' });
    expect(decided).toHaveProperty('result');
    await vi.waitFor(() => expect(events.at(-1)?.ideaIds).toEqual(['id-gamma']), { timeout: 5_000 });
    const changed = await lib<LibraryListResponse>('library.list', { changedSince: first.cursor });
    expect(changed.entries).toMatchObject([{ id: 'id-gamma', status: 'accepted' }]);
    expect(changed.cursor).toBe(`${first.cursor.split(':')[0]}:${events.at(-1)?.seq}`);
  });
});

describe('library.search', () => {
  it('finds words in titles, abstracts, notes and transcripts, ranked, with a snippet', async () => {
    const { core } = seeded();
    const lib = call(core);
    await lib('library.update', { ideaId: 'id-gamma', baseRevision: 0, note: 'try the quokka dataset' });
    const search = (query: string): Promise<LibrarySearchResponse> => lib('library.search', { query });
    expect((await search('quokka')).hits).toMatchObject([{ id: 'id-gamma', field: 'note' }]);
    expect((await search('zebrafin')).hits).toMatchObject([
      { id: 'id-alpha', field: 'transcript', snippet: expect.stringContaining('«zebrafinch»') },
    ]);
    const abstract = await search('beta transfer');
    expect(abstract.hits.map((h) => h.id)).toEqual(['id-beta']);
    const title = await search('idea');
    expect(title.hits[0]?.field).toBe('title');
  });

  it('takes FTS syntax literally and refuses what it cannot search with a typed error', async () => {
    const { core } = seeded();
    const raw = channelCaller(core);
    for (const query of [
      '"alpha',
      'NEAR(alpha',
      'alpha OR',
      '-beta',
      'a:b',
      'col:alpha*',
      "'); DROP TABLE meta; --",
    ]) {
      const reply = await raw('library.search', { query });
      expect(reply, query).toHaveProperty('result.hits');
    }
    for (const query of ['***', '"', '( ) * ^']) {
      expect(await raw('library.search', { query })).toMatchObject({
        error: { code: 'VALIDATION', details: { field: 'query' } },
      });
    }
    expect(await raw('library.search', { query: 'x'.repeat(100_000) })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});
