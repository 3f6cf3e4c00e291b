import { describe, expect, it } from 'vitest';
import type {
  IdeatorSessionDetail,
  IdeatorSessionRecord,
  IdeatorTurn,
} from '../../../src-main/contract/ideator.ts';
import { branchRows } from './branch-tree.ts';
import { atEnd, canBranchAt, dialogueRows } from './studio-view.ts';

const BASE = { sessionId: 's', round: 0, content: '', toolCalls: [], toolCallId: null, toolName: null };
const turn = (
  seq: number,
  kind: IdeatorTurn['kind'],
  ideaId: string | null,
  extra: Partial<IdeatorTurn> = {},
) => ({ ...BASE, meta: {}, createdAt: '', seq, kind, ideaId, ...extra }) satisfies IdeatorTurn;

const idea = (id: string, index: number, title: string) =>
  ({ id, index, versions: [{ idea: { title } }] }) as unknown as IdeatorSessionDetail['ideas'][number];

describe('dialogueRows', () => {
  it('heads each idea once and puts each tool result inside the call that asked for it', () => {
    const call = { id: 'c1', name: 'node_search', arguments: '{}' };
    const turns = [
      turn(1, 'researcher', 'a', { toolCalls: [call] }),
      turn(2, 'tool', 'a', { toolCallId: 'c1', toolName: 'node_search' }),
      turn(3, 'tool', 'a', { toolCallId: 'orphan' }),
      turn(4, 'idea', 'a'),
      turn(5, 'researcher', 'b'),
    ];
    const rows = dialogueRows({ ideas: [idea('a', 0, 'First'), idea('b', 1, 'Second')], turns });
    expect(rows.map((r) => (r.type === 'heading' ? `h${r.number}:${r.title}` : r.turn.seq))).toEqual([
      'h1:First',
      1,
      3,
      4,
      'h2:Second',
      5,
    ]);
    const first = rows[1];
    expect(first?.type === 'turn' && first.results.get('c1')?.seq).toBe(2);
  });
});

describe('atEnd and canBranchAt', () => {
  it('is at the end within the slack, not beyond it', () => {
    expect(atEnd({ scrollTop: 560, scrollHeight: 1000, clientHeight: 400 })).toBe(true);
    expect(atEnd({ scrollTop: 500, scrollHeight: 1000, clientHeight: 400 })).toBe(false);
  });

  it('offers a branch only at turns of an idea from its first version on', () => {
    const turns = [
      turn(1, 'researcher', 'a'),
      turn(2, 'idea', 'a'),
      turn(3, 'mentor', 'a'),
      turn(4, 'note', 'a'),
    ];
    expect(turns.map((t) => canBranchAt(t, turns))).toEqual([false, true, true, false]);
    expect(canBranchAt(turn(5, 'human', null), turns)).toBe(false);
  });
});

describe('branchRows', () => {
  const record = (id: string, parent: string | null, createdAt: string, at?: number) =>
    ({
      id,
      createdAt,
      forkedFrom: parent ? { sessionId: parent, ideaId: 'i', version: 1, ...(at ? { turn: at } : {}) } : null,
    }) as IdeatorSessionRecord;

  it('finds the root from any branch and lists the tree in order with depths and origins', () => {
    const sessions = [
      record('b2', 'root', '3', 9),
      record('other', null, '0'),
      record('b1', 'root', '2', 4),
      record('root', null, '1'),
      record('b1a', 'b1', '4'),
    ];
    const rows = branchRows(sessions, 'b1a');
    expect(rows.map((r) => [r.session.id, r.depth, r.from])).toEqual([
      ['root', 0, ''],
      ['b1', 1, 'turn 4'],
      ['b1a', 2, 'version 1'],
      ['b2', 1, 'turn 9'],
    ]);
  });

  it('survives a cycle in forkedFrom (a hostile or corrupt list) and an unknown parent', () => {
    const sessions = [record('x', 'y', '1'), record('y', 'x', '2')];
    expect(branchRows(sessions, 'x').length).toBeLessThanOrEqual(2);
    expect(branchRows([record('z', 'gone', '1')], 'z').map((r) => r.session.id)).toEqual(['z']);
  });
});
