import { describe, expect, it } from 'vitest';
import type {
  IdeatorChange,
  IdeatorIdeaRecord,
  IdeatorIdeaVersion,
  IdeatorSessionDetail,
  IdeatorTurn,
  IdeatorUsageTotals,
} from '../../src-main/contract/ideator.ts';
import { applyChange, applyChanges, isChange } from './ideator-changes.ts';
import { ideaVersion, sessionConfig } from '../test-support/ideator-records.ts';

const AT = '2026-12-06T02:00:00.000Z';

const totals = (calls: number): IdeatorUsageTotals => ({
  calls,
  cachedCalls: 0,
  promptTokens: calls * 100,
  completionTokens: calls * 10,
  cachedPromptTokens: 0,
  cachedCompletionTokens: 0,
  cost: { usd: calls / 1000, unpricedModels: [] },
});

function emptyDetail(seq = 1): IdeatorSessionDetail {
  return {
    session: {
      id: 's1',
      topic: 't',
      config: sessionConfig('t', 1),
      status: 'running',
      error: null,
      forkedFrom: null,
      createdAt: AT,
      updatedAt: AT,
      seq,
    },
    ideas: [],
    turns: [],
    usage: totals(0),
  };
}

const idea = (phase: IdeatorIdeaRecord['phase'], currentVersion: number): IdeatorIdeaRecord => ({
  id: 'i1',
  sessionId: 's1',
  index: 0,
  phase,
  round: 0,
  outcome: null,
  decidedBy: null,
  currentVersion,
  graphNodeId: null,
  graphError: null,
  createdAt: AT,
  updatedAt: AT,
});

const turn = (seq: number, kind: IdeatorTurn['kind']): IdeatorTurn => ({
  sessionId: 's1',
  seq,
  ideaId: 'i1',
  round: 0,
  kind,
  content: `${kind} ${seq}`,
  toolCalls: [],
  toolCallId: null,
  toolName: null,
  meta: {},
  createdAt: AT,
});

const version = (n: number): IdeatorIdeaVersion => ideaVersion('i1', n, { turnSeq: 2, createdAt: AT });

/** What a run sends after its `running` status (seq 1): an idea, a draft with its version, its cost, the end. */
const run: IdeatorChange[] = [
  { type: 'idea', sessionId: 's1', seq: 2, idea: idea('draft', 0) },
  { type: 'turn', sessionId: 's1', seq: 3, turn: turn(1, 'researcher') },
  {
    type: 'usage',
    sessionId: 's1',
    seq: 4,
    entry: { seq: 1, at: AT, model: 'm', promptTokens: 100, completionTokens: 10, cached: false },
    totals: totals(1),
  },
  { type: 'turn', sessionId: 's1', seq: 5, turn: turn(2, 'idea') },
  { type: 'version', sessionId: 's1', seq: 6, version: version(1) },
  { type: 'idea', sessionId: 's1', seq: 7, idea: idea('done', 1) },
  { type: 'status', sessionId: 's1', seq: 8, status: 'completed', error: null },
];

describe('applying numbered changes to a session snapshot', () => {
  it('builds the session from the changes alone, in order', () => {
    const detail = emptyDetail();
    expect(applyChanges(detail, run)).toBe('applied');
    expect(detail.session.seq).toBe(8);
    expect(detail.session.status).toBe('completed');
    expect(detail.turns.map((t) => t.kind)).toEqual(['researcher', 'idea']);
    expect(detail.ideas).toEqual([{ ...idea('done', 1), versions: [version(1)] }]);
    expect(detail.usage.calls).toBe(1);
  });

  it('ignores a change it already has (a snapshot read after it, or the same event twice)', () => {
    const detail = emptyDetail();
    applyChanges(detail, run.slice(0, 3));
    const before = structuredClone(detail);
    expect(applyChange(detail, run[1] as IdeatorChange)).toBe('duplicate');
    expect(applyChange(detail, run[2] as IdeatorChange)).toBe('duplicate');
    expect(detail).toEqual(before);
  });

  it('refuses a change that skips one (a missed event) and leaves the session as it was', () => {
    const detail = emptyDetail();
    applyChanges(detail, run.slice(0, 2));
    const before = structuredClone(detail);
    expect(applyChange(detail, run[4] as IdeatorChange)).toBe('gap');
    expect(applyChanges(detail, run.slice(3))).toBe('gap');
    expect(detail).toEqual(before);
    // Once the missing one arrives (from `ideator.since`), the rest follows on.
    expect(applyChanges(detail, run.slice(2))).toBe('applied');
    expect(detail.session.seq).toBe(8);
  });

  it('sorts changes that arrived out of order, and ignores another session’s', () => {
    const detail = emptyDetail();
    expect(applyChanges(detail, [...run].reverse())).toBe('applied');
    expect(detail.session.seq).toBe(8);
    const other: IdeatorChange = { type: 'status', sessionId: 's2', seq: 9, status: 'failed', error: null };
    expect(applyChange(detail, other)).toBe('duplicate');
    expect(detail.session.status).toBe('completed');
  });

  it('tells numbered changes from streamed tokens', () => {
    expect(isChange(run[0] as IdeatorChange)).toBe(true);
    expect(isChange({ type: 'token' })).toBe(false);
  });
});
