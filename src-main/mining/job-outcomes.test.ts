import { describe, expect, it } from 'vitest';
import { outcomeMessage, paperOutcomes, remineable } from './job-outcomes.ts';
import type { JobPaperRow } from './mining-db.ts';

const triple = {
  problem: { name: 'Replay', description: 'Replaying.' },
  challenge: { name: 'Forgetting', description: 'It forgets.' },
  solution: { name: 'ER buffer', description: 'It replays.' },
};

function row(paperId: string, status: JobPaperRow['status'], extra: Partial<JobPaperRow> = {}): JobPaperRow {
  return { paperId, seq: 0, status, result: null, error: null, errorCode: null, ...extra };
}

describe('mining job outcomes', () => {
  it('says per paper what happened and sums it up in one line, causes grouped', () => {
    const outcomes = paperOutcomes(
      [
        row('a', 'done', {
          result: { title: 'A', accepted: [triple], rejected: [], ruleRepairs: 0, nodes: 3 },
        }),
        row('b', 'refused', {
          result: {
            title: 'B',
            accepted: [],
            rejected: [
              {
                triple,
                violations: [{ kind: 'Problem', field: 'name', value: 'Replay', message: 'too short' }],
              },
            ],
            ruleRepairs: 1,
          },
        }),
        row('c', 'failed', { error: 'Could not reach the LLM', errorCode: 'LLM_UNAVAILABLE' }),
        row('d', 'failed', { error: 'did not answer within 120000 ms', errorCode: 'LLM_TIMEOUT' }),
        row('e', 'skipped', { error: 'being mined by job j2' }),
        row('f', 'extracted'),
      ],
      (id) => `Paper ${id}`,
    );
    expect(outcomes.map((o) => [o.paperId, o.title, o.outcome, o.nodes, o.cause])).toEqual([
      ['a', 'A', 'mined', 3, null],
      ['b', 'B', 'refused', 0, null],
      ['c', 'Paper c', 'failed', 0, 'endpoint unreachable or failing'],
      ['d', 'Paper d', 'failed', 0, 'timed out'],
      ['e', 'Paper e', 'skipped', 0, null],
      ['f', 'Paper f', 'pending', 0, null],
    ]);
    expect(outcomes[1]?.message).toBe('all 1 triple(s) refused by the naming rules: too short');
    expect(outcomeMessage(outcomes)).toBe(
      '1 of 6 papers mined (3 nodes): 1 with every triple refused by the naming rules, ' +
        '2 failed (1 endpoint unreachable or failing, 1 timed out), 1 skipped (another job took them), 1 not mined yet',
    );
    expect(remineable(outcomes)).toEqual(['b', 'c', 'd']);
  });

  it('names the one cause when every paper failed the same way', () => {
    const outcomes = paperOutcomes(
      ['a', 'b', 'c', 'd', 'e'].map((id) => row(id, 'failed', { errorCode: 'LLM_UNAVAILABLE' })),
      (id) => id,
    );
    expect(outcomeMessage(outcomes)).toBe('0 of 5 papers mined: 5 failed (endpoint unreachable or failing)');
  });
});
