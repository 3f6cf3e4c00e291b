import { describe, expect, it } from 'vitest';
import type { IdeatorChange, IdeatorSessionDetail } from '../../../src-main/contract/ideator.ts';
import { SessionCopies } from './session-copies.ts';

const AT = '2026-12-06T02:00:00.000Z';

function detail(id: string, seq: number): IdeatorSessionDetail {
  return {
    session: { id, topic: id, status: 'running', error: null, seq, createdAt: AT, updatedAt: AT },
    ideas: [],
    turns: [],
    usage: { calls: 0 },
  } as unknown as IdeatorSessionDetail;
}

const status = (sessionId: string, seq: number): IdeatorChange => ({
  type: 'status',
  sessionId,
  seq,
  status: 'completed',
  error: null,
});

describe('the Ideas page’s session copies', () => {
  it('applies a session’s next change to its copy only', () => {
    const copies = new SessionCopies();
    copies.replaceAll([detail('s1', 3), detail('s2', 5)]);
    expect(copies.apply(status('s1', 4))).toBe('applied');
    expect(copies.all().map((d) => [d.session.id, d.session.status])).toEqual([
      ['s1', 'completed'],
      ['s2', 'running'],
    ]);
    expect(copies.takeStale()).toEqual([]);
  });

  it('marks a new session, or one that missed a change, to be read again alone', () => {
    const copies = new SessionCopies();
    copies.replaceAll([detail('s1', 3), detail('s2', 5)]);
    expect(copies.apply(status('s3', 1))).toBe('gap');
    expect(copies.apply(status('s2', 7))).toBe('gap');
    expect(copies.apply(status('s1', 2))).toBe('duplicate');
    expect(copies.takeStale()).toEqual(['s3', 's2']);
    expect(copies.takeStale()).toEqual([]);

    copies.put(detail('s3', 1));
    copies.put(detail('s2', 7));
    copies.put(detail('s1', 1)); // an older read than the copy: kept as it was
    expect(copies.all().map((d) => [d.session.id, d.session.seq])).toEqual([
      ['s3', 1],
      ['s1', 3],
      ['s2', 7],
    ]);
  });
});
