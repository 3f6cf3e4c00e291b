import type { Answer, AuditServer } from './server.ts';
import { FAKE_SECRET, REPO_ROOT } from './server.ts';

/**
 * How one attempt ended. survived: refused (or served) cleanly; lost: the user's data changed or went away;
 * leaked: a secret, a stack trace, an absolute path, or an answer to a caller who should have got none;
 * failed: anything else that is not clean (a 500, no answer, an untyped reply, a dead server).
 */
export type Verdict = 'survived' | 'lost' | 'leaked' | 'failed';

export interface Outcome {
  verdict: Verdict;
  /** Why it did not survive (the table prints a few of these). */
  reason?: string;
}

export const survived: Outcome = { verdict: 'survived' };

const STACK = /\n\s+at\s+\S+.*[:(]\d+:\d+\)?|\bat\s+(?:async\s+)?\S+\s+\((?:file:\/\/)?\/\S+:\d+:\d+\)/;
const ABSOLUTE_PATH = /(?:^|[\s"'(=:])\/(?:tmp|home|root|work|usr|var|proc|etc)\/[\w.-]+/;

/** What in a text must never reach a caller, or null. `pathsAllowed` for the CLI, which may name the user's
 * own data dir. */
export function leakIn(text: string, server?: AuditServer, pathsAllowed = false): string | null {
  if (text.includes(FAKE_SECRET)) return 'the secret';
  if (STACK.test(text)) return 'a stack trace';
  if (pathsAllowed) return null;
  if (text.includes(REPO_ROOT) || (server && text.includes(server.dataDir))) return 'an absolute path';
  const path = ABSOLUTE_PATH.exec(text);
  if (path) return `an absolute path (${path[0].trim().slice(0, 40)})`;
  return null;
}

export interface Envelope {
  result?: unknown;
  error?: { code: string; message: string };
}

/** The reply envelope, or null when the body is not one. */
export function envelopeOf(answer: Answer): Envelope | null {
  try {
    const parsed = JSON.parse(answer.body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const envelope = parsed as Envelope;
    if ('result' in envelope) return envelope;
    const error = envelope.error;
    return typeof error?.code === 'string' && typeof error.message === 'string' ? envelope : null;
  } catch {
    return null;
  }
}

const brief = (answer: Answer): string =>
  answer.failure ? `no answer (${answer.failure})` : `HTTP ${answer.status} ${answer.body.slice(0, 80)}`;

/** A request that must be refused with a 4xx typed error (no/wrong token, foreign Origin/Host, bad path). */
export function judgeRefusal(answer: Answer, server: AuditServer): Outcome {
  const leak = leakIn(answer.body, server);
  if (leak) return { verdict: 'leaked', reason: `answer holds ${leak}` };
  const envelope = envelopeOf(answer);
  if (answer.status >= 200 && answer.status < 300 && envelope?.result !== undefined) {
    return { verdict: 'leaked', reason: `served without a valid x-motiv-token header: ${brief(answer)}` };
  }
  if (answer.status >= 400 && answer.status < 500 && envelope?.error) return survived;
  return { verdict: 'failed', reason: brief(answer) };
}

/**
 * An authorised call with a bad payload: a typed error that is not INTERNAL (a 4xx, or the RPC-style 200
 * envelope), or, where the schema legitimately accepts it, a result.
 */
export function judgeBadPayload(answer: Answer, server: AuditServer, resultAllowed: boolean): Outcome {
  const leak = leakIn(answer.body, server);
  if (leak) return { verdict: 'leaked', reason: `answer holds ${leak}` };
  const envelope = envelopeOf(answer);
  if (answer.status >= 500 || answer.failure) return { verdict: 'failed', reason: brief(answer) };
  if (envelope?.error) {
    return envelope.error.code === 'INTERNAL'
      ? { verdict: 'failed', reason: `INTERNAL: ${envelope.error.message.slice(0, 80)}` }
      : survived;
  }
  if (envelope?.result !== undefined && resultAllowed) return survived;
  return { verdict: 'failed', reason: `accepted: ${brief(answer)}` };
}
