import { describe, expect, it } from 'vitest';
import type {
  IdeatorEventPayload,
  IdeatorSessionStatus,
  IdeatorTurn,
  IdeatorUsageTotals,
} from '../../../src-main/contract/ideator.ts';
import { appendToken, newerUsage, SessionEventLog } from './session-events.ts';

const record = (id: string, status: IdeatorSessionStatus) => ({ id, status, error: null, topic: 't' });

const status = (sessionId: string, s: IdeatorSessionStatus): IdeatorEventPayload => ({
  type: 'status',
  sessionId,
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

const totals = (calls: number): IdeatorUsageTotals => ({
  calls,
  cachedCalls: 0,
  promptTokens: calls * 100,
  completionTokens: calls * 10,
  cachedPromptTokens: 0,
  cachedCompletionTokens: 0,
  cost: null as unknown as IdeatorUsageTotals['cost'],
});

const turn = (sessionId: string, kind: IdeatorTurn['kind']): IdeatorEventPayload => ({
  type: 'turn',
  sessionId,
  turn: { sessionId, seq: 1, kind } as unknown as IdeatorTurn,
});

describe('SessionEventLog.settle', () => {
  it('keeps the finish a short run announced before the reply that started it ("running") arrived', () => {
    const log = new SessionEventLog();
    const since = log.mark();
    // The run's events reach the UI first, before it knows the session at all…
    log.note(status('s1', 'running'));
    log.note(status('s1', 'completed'));
    // …then the start reply, read when the session had just been created.
    expect(log.settle(record('s1', 'running'), since).status).toBe('completed');
  });

  it('keeps a failure (with its error) over a stale "running" reply to resume', () => {
    const log = new SessionEventLog();
    log.note(status('s1', 'paused'));
    const since = log.mark();
    log.note(status('s1', 'running'));
    log.note(status('s1', 'failed'));
    const settled = log.settle(record('s1', 'running'), since);
    expect(settled).toMatchObject({ status: 'failed', error: { code: 'LLM_HTTP' } });
  });

  it('takes the reply when no status event came while it was in flight, even over an older event', () => {
    const log = new SessionEventLog();
    log.note(status('s1', 'paused'));
    const since = log.mark();
    // resume's reply beat its own "running" event: the reply is the newer word.
    expect(log.settle(record('s1', 'running'), since).status).toBe('running');
    // A list read after everything was seen is the truth as stored.
    log.note(status('s1', 'completed'));
    const later = log.mark();
    const stored = record('s1', 'completed');
    expect(log.settle(stored, later)).toBe(stored);
  });

  it("applies only the same session's events", () => {
    const log = new SessionEventLog();
    const since = log.mark();
    log.note(status('s2', 'completed'));
    expect(log.settle(record('s1', 'running'), since).status).toBe('running');
  });
});

describe('SessionEventLog streaming and usage', () => {
  it('keeps tokens that arrived before the session was opened, and drops them once the turn is committed', () => {
    const log = new SessionEventLog();
    log.note(token('s1', 'Graph '));
    log.note(token('s1', 'search first.'));
    expect(log.streaming('s1')?.text).toBe('Graph search first.');
    log.note(turn('s1', 'tool'));
    expect(log.streaming('s1')?.text).toBe('Graph search first.');
    log.note(turn('s1', 'researcher'));
    expect(log.streaming('s1')).toBeNull();
    log.note(token('s1', 'Next'));
    log.note(status('s1', 'paused'));
    expect(log.streaming('s1')).toBeNull();
  });

  it('prefers the running totals that counted more calls, whichever came last', () => {
    const log = new SessionEventLog();
    log.note({ type: 'usage', sessionId: 's1', entry: {} as never, totals: totals(3) });
    expect(log.usage('s1', totals(2)).calls).toBe(3);
    expect(log.usage('s1', totals(4)).calls).toBe(4);
    expect(log.usage('s2', totals(1)).calls).toBe(1);
  });
});

describe('appendToken and newerUsage', () => {
  it('starts the text afresh for a new attempt', () => {
    const first = appendToken(null, token('s1', 'a') as Parameters<typeof appendToken>[1]);
    const more = appendToken(first, token('s1', 'b') as Parameters<typeof appendToken>[1]);
    expect(more.text).toBe('ab');
    expect(appendToken(more, token('s1', 'c', 2) as Parameters<typeof appendToken>[1]).text).toBe('c');
  });

  it('handles missing totals', () => {
    expect(newerUsage(null, undefined)).toBeNull();
    expect(newerUsage(totals(1), null)?.calls).toBe(1);
    expect(newerUsage(totals(2), totals(1))?.calls).toBe(2);
  });
});
