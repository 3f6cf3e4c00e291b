import { describe, expect, it } from 'vitest';
import type {
  IdeatorIdeaRecord,
  IdeatorIdeaVersion,
  IdeatorSessionDetail,
} from '../../../src-main/contract/ideator.ts';
import { ideaVersion, sessionConfig } from '../../test-support/ideator-records.ts';
import { ideaRows, statusCounts } from './idea-rows.ts';

const usage = {
  calls: 0,
  cachedCalls: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cachedCompletionTokens: 0,
  cost: { usd: 0, unpricedModels: [] },
};

function version(ideaId: string, n: number, title: string): IdeatorIdeaVersion {
  return ideaVersion(ideaId, n, { title });
}

function idea(
  id: string,
  outcome: IdeatorIdeaRecord['outcome'],
  titles: string[],
  updatedAt: string,
): IdeatorIdeaRecord & { versions: IdeatorIdeaVersion[] } {
  return {
    id,
    sessionId: 's1',
    index: 0,
    phase: outcome === null ? 'mentor' : 'done',
    round: 1,
    outcome,
    decidedBy: outcome === 'accepted' || outcome === 'rejected' ? 'mentor' : null,
    currentVersion: titles.length,
    graphNodeId: null,
    graphError: null,
    createdAt: updatedAt,
    updatedAt,
    versions: titles.map((t, i) => version(id, i + 1, t)),
  };
}

function session(id: string, ideas: IdeatorSessionDetail['ideas']): IdeatorSessionDetail {
  return {
    session: {
      id,
      topic: `topic ${id}`,
      config: sessionConfig(`topic ${id}`, 3),
      status: 'completed',
      error: null,
      forkedFrom: null,
      createdAt: '2026-11-29T08:00:00.000Z',
      updatedAt: '2026-11-29T08:00:00.000Z',
      seq: 0,
    },
    ideas,
    turns: [],
    usage,
  };
}

describe('ideas library rows', () => {
  it('lists every idea with a version, newest first, with status, session and version count', () => {
    const rows = ideaRows([
      session('s1', [
        idea('a', 'accepted', ['A v1', 'A v2'], '2026-11-29T08:01:00.000Z'),
        idea('b', null, [], '2026-11-29T08:09:00.000Z'), // still exploring: no idea to show yet
      ]),
      session('s2', [
        idea('c', 'rejected', ['C v1'], '2026-11-29T08:03:00.000Z'),
        idea('d', 'round_limit', ['D v1', 'D v2', 'D v3'], '2026-11-29T08:02:00.000Z'),
        idea('e', 'unreviewed', ['E v1'], '2026-11-29T08:00:00.000Z'),
      ]),
    ]);
    expect(rows.map((r) => [r.title, r.status, r.versions, r.sessionId])).toEqual([
      ['C v1', 'rejected', 1, 's2'],
      ['D v3', 'draft', 3, 's2'],
      ['A v2', 'accepted', 2, 's1'],
      ['E v1', 'draft', 1, 's2'],
    ]);
    expect(rows[1]?.detail).toBe('round limit reached, no verdict');
    expect(rows[2]).toMatchObject({ latestVersion: 2, sessionTopic: 'topic s1', detail: 'by mentor' });
    expect(statusCounts(rows)).toEqual({ accepted: 1, rejected: 1, draft: 2 });
  });

  it('is empty when no session produced an idea', () => {
    expect(ideaRows([])).toEqual([]);
    expect(ideaRows([session('s1', [idea('b', null, [], '2026-11-29T08:00:00.000Z')])])).toEqual([]);
  });
});
