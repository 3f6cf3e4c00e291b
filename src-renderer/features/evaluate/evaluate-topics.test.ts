import { describe, expect, it } from 'vitest';
import type { IdeatorSessionDetail } from '../../../src-main/contract/ideator.ts';
import { ideaVersion, sessionConfig } from '../../test-support/ideator-records.ts';
import { evalTopics, topicKey } from './evaluate-topics.ts';

type Idea = IdeatorSessionDetail['ideas'][number];

/** A session on `topic` created at `minute`, whose ideas have `titles` (current version = the last one). */
function sessionOn(
  topic: string,
  minute: number,
  ideas: [string, string[], number?][],
): IdeatorSessionDetail {
  const createdAt = `2026-12-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
  const record = { id: `s${minute}`, topic, config: sessionConfig(topic, ideas.length), status: 'completed' };
  const toIdea = ([id, titles, current]: [string, string[], number?]): Idea =>
    ({
      id,
      sessionId: record.id,
      currentVersion: current ?? titles.length,
      versions: titles.map((title, i) => ideaVersion(id, i + 1, { title })),
    }) as unknown as Idea;
  return {
    session: { ...record, error: null, forkedFrom: null, createdAt, updatedAt: createdAt, seq: 0 },
    ideas: ideas.map(toIdea),
  } as unknown as IdeatorSessionDetail;
}

describe('evaluate topics', () => {
  it('groups sessions by the ideator topic key, keeps written ideas at their current version', () => {
    const topics = evalTopics([
      sessionOn('GNNs  for drug discovery', 5, [['a', ['A v1', 'A v2']]]),
      sessionOn('gnns for drug discovery', 1, [
        ['b', ['B v1']],
        ['c', []], // still exploring: nothing to judge
        ['d', ['D v1', 'D v2'], 1], // a version 2 exists but the current one is 1
      ]),
      sessionOn('protein folding', 3, [['e', ['E v1']]]),
    ]);
    expect(topics.map((t) => [t.label, t.ideas.map((i) => i.title)])).toEqual([
      ['GNNs  for drug discovery', ['B v1', 'D v1', 'A v2']],
      ['protein folding', ['E v1']],
    ]);
    expect(topics[0]?.key).toBe(topicKey('gnns for drug discovery'));
  });

  it('keys a topic like the ideator does (NFKC, case, spaces)', () => {
    expect(topicKey('  Ｇraph\tNets ')).toBe('graph nets');
  });

  it('has no topics without sessions', () => {
    expect(evalTopics([])).toEqual([]);
  });
});
