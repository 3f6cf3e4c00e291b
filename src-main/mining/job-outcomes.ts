import type { RejectedTriple } from './extract.ts';
import type { Triple } from './extraction-schema.ts';
import type { JobPaperRow } from './mining-db.ts';

/**
 * What happened to each paper of a mining job, and the one-line message a job ends with ("0 of 5 papers mined:
 * 5 failed (endpoint unreachable)"), read from the job's rows. Shared by the runner's summary, the app's report
 * and the CLI, so all three say the same.
 */

export interface StoredExtraction {
  title: string;
  accepted: Triple[];
  rejected: RejectedTriple[];
  ruleRepairs: number;
  /** Graph nodes the paper's triples wrote (set once written). */
  nodes?: number;
  /** The extractor prompt's version; absent for results stored before issue 16 (extractor.v1). */
  prompt?: string;
  /** Parts the paper was read in, and characters past the last part that were not sent. */
  parts?: number;
  cutChars?: number;
}

/** The extractor answered "no triple" (a survey, a position paper): mined, nothing to write, never paid again. */
export const holdsNoTriple = (stored: StoredExtraction): boolean =>
  stored.accepted.length === 0 && stored.rejected.length === 0 && stored.prompt !== undefined;

export type PaperOutcomeKind = 'mined' | 'refused' | 'failed' | 'skipped' | 'pending';

export interface PaperOutcome {
  paperId: string;
  title: string;
  outcome: PaperOutcomeKind;
  /** Nodes written for a mined paper; 0 otherwise. */
  nodes: number;
  /** Why: the failure's message, the refusal's reasons, the job that took a skipped paper. */
  message: string | null;
  /** Failure cause in a few words (endpoint unreachable, API key refused, …). */
  cause: string | null;
}

const CAUSES: Record<string, string> = {
  LLM_UNAVAILABLE: 'endpoint unreachable or failing',
  LLM_UNAUTHORIZED: 'API key refused',
  LLM_TIMEOUT: 'timed out',
  LLM_RATE_LIMITED: 'rate limited',
  LLM_BAD_OUTPUT: 'unusable model output',
  LLM_NOT_FOUND: 'model or API path not found',
  LLM_BAD_REQUEST: 'request refused by the endpoint',
  VALIDATION: 'no text to mine',
  NOT_FOUND: 'paper no longer in the graph',
};

export const failureCause = (code: string | null): string => (code ? (CAUSES[code] ?? code) : 'error');

function outcomeKind(status: JobPaperRow['status']): PaperOutcomeKind {
  if (status === 'done') return 'mined';
  if (status === 'extracted') return 'pending';
  return status;
}

function refusalReasons(stored: StoredExtraction): string {
  if (stored.rejected.length === 0) return 'the model returned no triples';
  const reasons = new Set(stored.rejected.flatMap((r) => r.violations.map((v) => v.message)));
  return `all ${stored.rejected.length} triple(s) refused by the naming rules: ${[...reasons].join('; ')}`;
}

export function paperOutcomes(rows: JobPaperRow[], titleOf: (paperId: string) => string): PaperOutcome[] {
  return rows.map((row) => {
    const stored = row.result as StoredExtraction | null;
    const outcome = outcomeKind(row.status);
    const title = stored?.title ?? titleOf(row.paperId);
    const message =
      outcome === 'refused' && stored
        ? refusalReasons(stored)
        : outcome === 'mined'
          ? stored && holdsNoTriple(stored)
            ? 'the paper holds no problem/challenge/solution triple'
            : null
          : row.error;
    return {
      paperId: row.paperId,
      title,
      outcome,
      nodes: outcome === 'mined' ? (stored?.nodes ?? 0) : 0,
      message: message ?? null,
      cause: outcome === 'failed' ? failureCause(row.errorCode) : null,
    };
  });
}

/** "2 of 5 papers mined (14 nodes): 1 with every triple refused, 2 failed (endpoint unreachable or failing)". */
export interface OutcomeCounts {
  total: number;
  done: number;
  refused: number;
  failed: number;
  skipped: number;
  pending: number;
}

/** How many papers ended each way: the `papers` block of a job's summary and of its report. */
export function outcomeCounts(outcomes: PaperOutcome[]): OutcomeCounts {
  const count = (kind: PaperOutcome['outcome']): number => outcomes.filter((o) => o.outcome === kind).length;
  return {
    total: outcomes.length,
    done: count('mined'),
    refused: count('refused'),
    failed: count('failed'),
    skipped: count('skipped'),
    pending: count('pending'),
  };
}

export function outcomeMessage(outcomes: PaperOutcome[]): string {
  const of = (kind: PaperOutcomeKind) => outcomes.filter((o) => o.outcome === kind);
  const mined = of('mined');
  const nodes = mined.reduce((n, o) => n + o.nodes, 0);
  let text = `${mined.length} of ${outcomes.length} paper${outcomes.length === 1 ? '' : 's'} mined`;
  if (mined.length > 0) text += ` (${nodes} node${nodes === 1 ? '' : 's'})`;
  const parts: string[] = [];
  const refused = of('refused').length;
  if (refused) parts.push(`${refused} with every triple refused by the naming rules`);
  const failed = of('failed');
  if (failed.length) {
    const causes = new Map<string, number>();
    for (const f of failed) causes.set(f.cause ?? 'error', (causes.get(f.cause ?? 'error') ?? 0) + 1);
    const why =
      causes.size === 1
        ? [...causes.keys()].join('')
        : [...causes].map(([cause, n]) => `${n} ${cause}`).join(', ');
    parts.push(`${failed.length} failed (${why})`);
  }
  const skipped = of('skipped').length;
  if (skipped) parts.push(`${skipped} skipped (another job took them)`);
  const pending = of('pending').length;
  if (pending) parts.push(`${pending} not mined yet`);
  return parts.length ? `${text}: ${parts.join(', ')}` : text;
}

/** Papers a new job should take again: those that failed or had every triple refused. */
export const remineable = (outcomes: PaperOutcome[]): string[] =>
  outcomes.filter((o) => o.outcome === 'failed' || o.outcome === 'refused').map((o) => o.paperId);
