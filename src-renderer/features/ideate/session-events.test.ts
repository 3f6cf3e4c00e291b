import { describe, expect, it } from 'vitest';
import type {
  IdeatorEventPayload,
  IdeatorSessionRecord,
  IdeatorSessionStatus,
  IdeatorTurn,
} from '../../../src-main/contract/ideator.ts';
import { appendToken, newerRecord, TokenStreams } from './session-events.ts';

const status = (sessionId: string, s: IdeatorSessionStatus, seq = 1): IdeatorEventPayload => ({
  type: 'status',
  sessionId,
  seq,
  status: s,
  error: s === 'failed' ? { code: 'LLM_HTTP', message: 'boom' } : null,
});

const token = (sessionId: string, text: string, attempt = 1): IdeatorEventPayload => ({
  type: 'token',
  sessionId,
  ideaId: 'i1',
  agent: 'researcher',
  text,
  attempt,
});

const turn = (sessionId: string, kind: IdeatorTurn['kind']): IdeatorEventPayload => ({
  type: 'turn',
  sessionId,
  seq: 1,
  turn: { sessionId, seq: 1, kind } as unknown as IdeatorTurn,
});

const record = (id: string, s: IdeatorSessionStatus, seq: number) =>
  ({ id, status: s, error: null, topic: 't', seq }) as unknown as IdeatorSessionRecord;

describe('TokenStreams', () => {
  it('keeps tokens that arrived before the session was opened, and drops them once the turn is committed', () => {
    const streams = new TokenStreams();
    streams.note(token('s1', 'Graph '));
    streams.note(token('s1', 'search first.'));
    expect(streams.streaming('s1')?.text).toBe('Graph search first.');
    streams.note(turn('s1', 'tool'));
    expect(streams.streaming('s1')?.text).toBe('Graph search first.');
    streams.note(turn('s1', 'researcher'));
    expect(streams.streaming('s1')).toBeNull();
    streams.note(token('s1', 'Next'));
    streams.note(status('s1', 'paused'));
    expect(streams.streaming('s1')).toBeNull();
    expect(streams.streaming('s2')).toBeNull();
  });
});

describe('newerRecord', () => {
  it('keeps the finish a short run announced before the reply that started it ("running") arrived', () => {
    const fromEvent = record('s1', 'completed', 9);
    expect(newerRecord(fromEvent, record('s1', 'running', 1)).status).toBe('completed');
  });

  it('takes the read when it includes more changes, or when nothing is known yet', () => {
    expect(newerRecord(record('s1', 'running', 3), record('s1', 'failed', 4)).status).toBe('failed');
    expect(newerRecord(undefined, record('s1', 'paused', 2)).status).toBe('paused');
  });
});

describe('appendToken', () => {
  it('starts the text afresh for a new attempt', () => {
    const first = appendToken(null, token('s1', 'a') as Parameters<typeof appendToken>[1]);
    const more = appendToken(first, token('s1', 'b') as Parameters<typeof appendToken>[1]);
    expect(more.text).toBe('ab');
    expect(appendToken(more, token('s1', 'c', 2) as Parameters<typeof appendToken>[1]).text).toBe('c');
  });
});
