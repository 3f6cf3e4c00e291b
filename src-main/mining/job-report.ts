import type { GraphStore } from '../graph/port.ts';
import { estimateCost, estimateTokens, UsageLedger } from '../llm/index.ts';
import type { PriceTable } from '../llm/index.ts';
import type { MiningDb } from './mining-db.ts';
import { outcomeCounts, outcomeMessage, paperOutcomes, remineable } from './job-outcomes.ts';
import type { OutcomeCounts, PaperOutcome, StoredExtraction } from './job-outcomes.ts';
import { paperText, selectPapersToMine } from './mining-job.ts';
import { paperParts } from './paper-chunks.ts';
import { EXTRACTOR_SYSTEM, extractorUserMessage } from './prompts.ts';
import type { RejectedTriple } from './extract.ts';

/**
 * What the app shows of a mining job after (or during) its run, read back from mining.sqlite: the triples the
 * naming rules refused (with every violation), the papers that failed, tokens and cost, the merge's similarity.
 */
export interface JobReport {
  jobId: string;
  status: ReturnType<MiningDb['job']>['status'];
  /** One line on what the job did: "0 of 5 papers mined: 5 failed (endpoint unreachable or failing)". */
  message: string;
  /** Why the job itself failed (e.g. the key was refused and mining stopped), null otherwise. */
  error: string | null;
  papers: OutcomeCounts;
  /** Per paper: mined with N nodes, refused with the reasons, failed with the cause, skipped, pending. */
  outcomes: PaperOutcome[];
  /** Papers that failed or had every triple refused: what "mine again" starts a new job over. */
  remineable: string[];
  triples: { accepted: number; rejected: number };
  rejected: Array<{ paperId: string; title: string } & RejectedTriple>;
  failures: Array<{ paperId: string; title: string; message: string }>;
  usage: {
    calls: number;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
    /** Calls started and never settled (a process died mid-call): counted, with estimated prompt tokens. */
    unknownCalls: number;
    unknownPromptTokens: number;
  };
  merge: { method: string; note: string | null; merged: number; candidates: number } | null;
}

interface StoredMerge {
  method?: unknown;
  note?: unknown;
  merged?: unknown;
  candidates?: unknown;
}

export async function miningJobReport(
  db: MiningDb,
  store: GraphStore,
  jobId: string,
  prices?: PriceTable,
): Promise<JobReport> {
  const job = db.job(jobId); // NOT_FOUND for an unknown id
  const rows = db.papers(jobId);
  const titles = new Map<string, string>();
  for (const row of rows) {
    if (!row.result) titles.set(row.paperId, (await store.getNode(row.paperId))?.name ?? row.paperId);
  }
  const outcomes = paperOutcomes(rows, (id) => titles.get(id) ?? id);
  const report: JobReport = {
    jobId,
    status: job.status,
    message: outcomeMessage(outcomes),
    error: job.error,
    papers: outcomeCounts(outcomes),
    outcomes,
    remineable: remineable(outcomes),
    triples: { accepted: 0, rejected: 0 },
    rejected: [],
    failures: [],
    usage: {
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      unknownCalls: 0,
      unknownPromptTokens: 0,
    },
    merge: null,
  };
  for (const row of rows) {
    const stored = row.result as StoredExtraction | null;
    if (stored) {
      report.triples.accepted += stored.accepted.length;
      report.triples.rejected += stored.rejected.length;
      for (const r of stored.rejected)
        report.rejected.push({ paperId: row.paperId, title: stored.title, ...r });
    }
    if (row.status === 'failed') {
      const title = stored?.title ?? titles.get(row.paperId) ?? row.paperId;
      report.failures.push({ paperId: row.paperId, title, message: row.error ?? '' });
    }
  }
  const usage = new UsageLedger({ entries: db.ledger(jobId), ...(prices ? { prices } : {}) }).totals();
  report.usage = {
    calls: usage.calls,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    costUsd: usage.cost.usd,
    unknownCalls: usage.unknownCalls,
    unknownPromptTokens: usage.unknownPromptTokens,
  };
  const merge = (job.result?.['merge'] ?? null) as StoredMerge | null;
  if (merge && typeof merge.method === 'string') {
    report.merge = {
      method: merge.method,
      note: typeof merge.note === 'string' ? merge.note : null,
      merged: Array.isArray(merge.merged) ? merge.merged.length : 0,
      candidates: typeof merge.candidates === 'number' ? merge.candidates : 0,
    };
  }
  return report;
}

/** A typical extractor answer: a few triples of names and two-sentence descriptions, as JSON. */
const COMPLETION_TOKENS_PER_PAPER = 600;

export interface MiningEstimate {
  papers: number;
  /** Papers with neither abstract nor kept text: they would fail without a call. */
  withoutText: number;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** null when the model has no price in the table (Settings → Prices). */
  costUsd: number | null;
}

/**
 * Before a run: the papers `mining.start` would take and the tokens of one extraction call each (the prompt as
 * it would be sent, ~4 characters a token). Repairs and merge confirmations are not counted: a lower bound.
 */
export async function estimateMining(
  db: MiningDb,
  store: GraphStore,
  input: { paperIds?: readonly string[]; remine?: boolean },
  options: { model: string; prices: PriceTable; bodyOf?: (paperId: string) => string | undefined },
): Promise<MiningEstimate> {
  const ids = await selectPapersToMine(db, store, input);
  const system = estimateTokens(EXTRACTOR_SYSTEM);
  let promptTokens = 0;
  let papers = 0;
  let withoutText = 0;
  let calls = 0;
  for (const id of ids) {
    const node = await store.getNode(id);
    const text = node ? paperText(node, options.bodyOf?.(id)) : null;
    if (!text) {
      withoutText++;
      continue;
    }
    papers++;
    // One call per part of a long paper (paper-chunks.ts).
    for (const part of paperParts(text).parts) {
      calls++;
      promptTokens += system + estimateTokens(extractorUserMessage(part));
    }
  }
  const completionTokens = calls * COMPLETION_TOKENS_PER_PAPER;
  const cost = estimateCost(options.prices, { model: options.model, promptTokens, completionTokens });
  return {
    papers,
    withoutText,
    model: options.model,
    promptTokens,
    completionTokens,
    costUsd: cost.unpricedModels.length > 0 ? null : cost.usd,
  };
}
