import { randomUUID } from 'node:crypto';
import { MINING_DEFAULTS, type MiningSettings } from '../contract/settings-mining.ts';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { UsageLedger } from '../llm/index.ts';
import type { LlmClient, PriceTable, UsageTotals } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { FaultLog } from '../shared/internal-error.ts';
import { extractPaper } from './extract.ts';
import type { PaperText, RejectedTriple } from './extract.ts';
import { holdsNoTriple, outcomeCounts, outcomeMessage, paperOutcomes } from './job-outcomes.ts';
import type { PaperOutcome, StoredExtraction } from './job-outcomes.ts';
import { loadSnapshot } from './graph-snapshot.ts';
import { mergeNearIdentical } from './merge.ts';
import type { MergeReport } from './merge.ts';
import { CLAIM_LEASE_MS } from './mining-db.ts';
import type { MiningDb } from './mining-db.ts';
import { chooseSimilarity, mergeThreshold, type TextEmbedder } from './similarity.ts';
import { writeTriples } from './write-triples.ts';

/**
 * A mining job: extract triples from each paper (at most `concurrency` at a time), write them, then merge
 * near-identical nodes. State lives in MiningDb, so `runMiningJob` on an interrupted or cancelled job continues
 * where it stopped: papers marked done are skipped, papers whose extraction was committed are written from the
 * stored result without asking the model again, and the ledger carries on from its stored entries.
 */

export interface MiningProgress {
  jobId: string;
  phase: 'extracting' | 'merging' | 'finished';
  total: number;
  done: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Estimated time left for the extraction phase; null until a paper finished in this run. */
  etaMs: number | null;
  paper?: { id: string; title: string; status: 'done' | 'refused' | 'failed' | 'skipped'; message?: string };
}

export interface MiningJobOptions {
  db: MiningDb;
  store: GraphStore;
  /** The job's client: its ledger must be the one given, so tokens are counted and persisted per job. */
  makeClient: (ledger: UsageLedger) => LlmClient;
  settings: MiningSettings;
  actor: string;
  signal?: AbortSignal;
  onProgress?: (progress: MiningProgress) => void;
  /** Merge near-identical nodes after extraction (default true). */
  merge?: boolean;
  /** Prices for the job's cost figures (default: the built-in table). */
  prices?: PriceTable;
  /** Introduction and method text of a paper when the importer kept it (PDFs), shown to the extractor. */
  bodyOf?: (paperId: string) => string | undefined;
  /** Unexpected faults are logged here under the id their stored error names (the app passes its logger). */
  log?: FaultLog;
  /** The local MiniLM when its files are present (null when not): merging then uses the vectors search uses. */
  localEmbedder?: () => Promise<TextEmbedder | null>;
}

export type { StoredExtraction };

export interface MiningJobSummary {
  jobId: string;
  status: 'completed' | 'cancelled' | 'failed';
  /** What the job did, in one line: "0 of 5 papers mined: 5 failed (endpoint unreachable or failing)". */
  message: string;
  papers: { total: number; done: number; refused: number; failed: number; skipped: number; pending: number };
  /** Per paper: mined (with its node count), refused (with the reasons), failed (with the cause), skipped. */
  outcomes: PaperOutcome[];
  triples: { accepted: number; rejected: number };
  rejected: Array<{ paperId: string; title: string } & RejectedTriple>;
  failures: Array<{ paperId: string; message: string }>;
  merge: MergeReport | null;
  usage: UsageTotals;
  error?: string;
}

/**
 * Creates a job over the given papers, or over every Paper not mined yet (all of them with `remine`). Returns the
 * job id.
 */
export async function createMiningJob(
  db: MiningDb,
  store: GraphStore,
  input: { paperIds?: readonly string[]; remine?: boolean },
): Promise<string> {
  const paperIds = await selectPapersToMine(db, store, input);
  const id = randomUUID();
  db.createJob(id, { paperIds: input.paperIds ?? null, remine: input.remine ?? false }, paperIds);
  return id;
}

/** The papers a job over `input` would mine (also what the app's cost estimate counts). */
export async function selectPapersToMine(
  db: MiningDb,
  store: GraphStore,
  input: { paperIds?: readonly string[]; remine?: boolean },
): Promise<string[]> {
  let paperIds: string[];
  if (input.paperIds && input.paperIds.length > 0) {
    paperIds = [...new Set(input.paperIds)];
    for (const [i, id] of paperIds.entries()) {
      const node = await store.getNode(id);
      if (!node) throw new AppError('NOT_FOUND', `No paper with id ${id}`, { field: `papers.${i}`, id });
      if (node.kind !== 'Paper') {
        throw new AppError('VALIDATION', `Node ${id} is a ${node.kind}, not a Paper`, {
          field: `papers.${i}`,
          id,
        });
      }
    }
  } else {
    const snapshot = await loadSnapshot(store);
    // Papers mined by an earlier job, or whose triples are already in the graph (the seed graph, a lab member's
    // mining), are left out: mining them again would pay twice for what the graph has. Papers waiting in a job
    // that is running now are left to it (a paper claim still guards the race of two jobs created at once).
    const running = db.papersOfRunningJobs();
    const skip = input.remine
      ? running
      : new Set([...db.minedPaperIds(), ...snapshot.papersWithTriples, ...running]);
    paperIds = (snapshot.byKind.get('Paper') ?? []).map((p) => p.id).filter((id) => !skip.has(id));
  }
  return paperIds;
}

export function paperText(node: GraphNode, body?: string): PaperText | null {
  if (node.kind !== 'Paper') return null;
  const abstract = node.props.abstract?.trim() || node.description.trim();
  if (!abstract && !body) return null;
  return { id: node.id, title: node.name, abstract, ...(body ? { body } : {}) };
}

function isCancel(err: unknown): boolean {
  return err instanceof AppError && err.code === 'CANCELLED';
}

/** An LLM error after which every further call of the job would fail the same way: stop, do not pay on. */
function stopsTheJob(err: unknown): err is AppError {
  return err instanceof AppError && err.code === 'LLM_UNAUTHORIZED';
}

export async function runMiningJob(jobId: string, options: MiningJobOptions): Promise<MiningJobSummary> {
  const { db, store } = options;
  db.claim(jobId);
  const ledger = new UsageLedger({
    entries: db.ledger(jobId),
    ...(options.prices ? { prices: options.prices } : {}),
  });
  ledger.onEntry((entry) => db.appendLedger(jobId, entry));
  const client = options.makeClient(ledger);
  if (client.ledger !== ledger) throw new AppError('INTERNAL', 'makeClient must use the ledger it is given');
  const review = options.settings.autoApprove ? 'approved' : 'proposed';
  const rows = db.papers(jobId);
  const total = rows.length;
  const finishedStatuses = new Set(['done', 'refused', 'skipped']);
  let done = rows.filter((r) => finishedStatuses.has(r.status)).length;
  let failed = 0;
  // What a stored error says: an AppError's own message, or for anything else an id the log has the cause under.
  const faultOf = (err: unknown, context: Record<string, unknown>) =>
    replyErrorOf(err, options.log, { where: 'mining job', jobId, ...context });
  const queue = rows.filter((r) => !finishedStatuses.has(r.status));
  const started = performance.now();
  let finishedThisRun = 0;
  /** Set when the endpoint refused the key: the job stops rather than fail every paper the same way. */
  const stop: { by: AppError | null } = { by: null };
  // Claims live while the job runs; a process that dies stops renewing them and they lapse.
  const renewal = setInterval(() => db.renewClaims(jobId), CLAIM_LEASE_MS / 3);
  renewal.unref();

  const progress = (phase: MiningProgress['phase'], paper?: MiningProgress['paper']): void => {
    const usage = ledger.totals();
    const perPaper = finishedThisRun > 0 ? (performance.now() - started) / finishedThisRun : null;
    const left = total - done - failed;
    options.onProgress?.({
      jobId,
      phase,
      total,
      done,
      failed,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costUsd: usage.cost.usd,
      etaMs: perPaper === null ? null : Math.round((perPaper * left) / options.settings.concurrency),
      ...(paper ? { paper } : {}),
    });
  };

  const settle = (
    row: (typeof rows)[number],
    title: string,
    status: 'done' | 'refused' | 'skipped',
    message?: string,
  ) => {
    done++;
    finishedThisRun++;
    progress('extracting', { id: row.paperId, title, status, ...(message ? { message } : {}) });
  };

  // Extraction runs `concurrency` papers at a time, but their graph writes go one after another: a Neo4j import
  // refuses to start while another is in flight (import-journal.ts), so parallel writes would fail as CONFLICT.
  let writing: Promise<unknown> = Promise.resolve();
  const oneWriteAtATime = <T>(write: () => Promise<T>): Promise<T> => {
    const next = writing.then(write, write);
    writing = next.catch(() => undefined);
    return next;
  };

  const minePaper = async (row: (typeof rows)[number]): Promise<void> => {
    const node = await store.getNode(row.paperId);
    const title = node?.name ?? row.paperId;
    let stored = row.status === 'extracted' ? (row.result as StoredExtraction) : null;
    if (!stored) {
      // Claimed before the paid call, so a concurrent job (another process, a second start) does not pay too.
      const claim = db.claimPaper(jobId, row.paperId);
      if (!claim.claimed) {
        const message =
          claim.reason === 'mined'
            ? `mined by job ${claim.byJob} meanwhile`
            : `being mined by job ${claim.byJob}`;
        db.setPaper(jobId, row.paperId, 'skipped', { error: message });
        settle(row, title, 'skipped', message);
        return;
      }
    }
    try {
      if (!stored) {
        if (!node)
          throw new AppError('NOT_FOUND', `Paper ${row.paperId} is no longer in the graph`, {
            id: row.paperId,
          });
        // The whole text, read in parts (paper-chunks.ts bounds the parts per paper).
        const body = options.bodyOf?.(row.paperId);
        const text = paperText(node, body);
        if (!text) {
          throw new AppError('VALIDATION', `Paper "${title}" has no abstract or text to mine`, {
            id: row.paperId,
          });
        }
        const outcome = await extractPaper(client, text, {
          sessionId: jobId,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        stored = {
          title,
          accepted: outcome.accepted,
          rejected: outcome.rejected,
          ruleRepairs: outcome.ruleRepairs,
          prompt: outcome.prompt,
          parts: outcome.parts,
          cutChars: outcome.cutChars,
        };
        // Committed before the graph write: a crash after this point never pays for this paper again.
        db.setPaper(jobId, row.paperId, 'extracted', { result: stored });
      }
      if (holdsNoTriple(stored)) {
        db.setPaper(jobId, row.paperId, 'done', { result: { ...stored, nodes: 0 } });
        settle(row, title, 'done');
      } else if (stored.accepted.length === 0) {
        // Nothing written: the paper stays minable (a new job, or "mine again", takes it).
        db.setPaper(jobId, row.paperId, 'refused');
        settle(row, title, 'refused');
      } else {
        const accepted = stored.accepted;
        const written = await oneWriteAtATime(() =>
          writeTriples(store, row.paperId, accepted, { review, actor: options.actor }),
        );
        db.setPaper(jobId, row.paperId, 'done', { result: { ...stored, nodes: written.nodeIds.length } });
        settle(row, title, 'done');
      }
    } catch (err) {
      if (isCancel(err) || options.signal?.aborted) return; // stays pending (or extracted) for the resume
      const { code: errorCode, message } = faultOf(err, { paperId: row.paperId });
      db.setPaper(jobId, row.paperId, 'failed', { error: message, errorCode });
      if (stopsTheJob(err)) stop.by ??= err;
      failed++;
      finishedThisRun++;
      progress('extracting', { id: row.paperId, title, status: 'failed', message });
    } finally {
      db.releaseClaim(jobId, row.paperId);
    }
  };

  try {
    const workers = Array.from(
      { length: Math.min(options.settings.concurrency, Math.max(1, queue.length)) },
      async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          if (options.signal?.aborted || stop.by) return;
          await minePaper(row);
        }
      },
    );
    await Promise.all(workers);
    if (options.signal?.aborted) return finish('cancelled', null);
    if (stop.by) {
      const untried = db.papers(jobId).filter((r) => r.status === 'pending').length;
      return finish(
        'failed',
        null,
        `${stop.by.message}. Mining stopped at the first refused call` +
          (untried ? `; ${untried} paper(s) not tried (resume the job once the key is fixed)` : ''),
      );
    }

    let merge: MergeReport | null = null;
    // Nothing was written by this job: there is nothing new to merge, and no reason to pay for embeddings.
    const wroteAny = db.papers(jobId).some((r) => r.status === 'done');
    if (options.merge !== false && wroteAny) {
      progress('merging');
      const similarityOptions = {
        actor: options.actor,
        sessionId: jobId,
        ...(options.signal ? { signal: options.signal } : {}),
      };
      const local = (await options.localEmbedder?.()) ?? null;
      const similarity = await chooseSimilarity(client, store, { ...similarityOptions, local });
      merge = await mergeNearIdentical(store, {
        kinds: ['Problem', 'Challenge', 'Solution'],
        threshold: mergeThreshold(
          options.settings.similarityThreshold,
          MINING_DEFAULTS.similarityThreshold,
          similarity,
        ),
        similarity,
        ...(options.settings.llmConfirmMerges ? { confirmWith: client } : {}),
        ...similarityOptions,
      });
    }
    progress('finished');
    return finish('completed', merge);
  } catch (err) {
    if (isCancel(err) || options.signal?.aborted) return finish('cancelled', null);
    return finish('failed', null, faultOf(err, {}).message);
  } finally {
    clearInterval(renewal);
    db.releaseClaim(jobId);
  }

  function finish(
    status: MiningJobSummary['status'],
    merge: MergeReport | null,
    error?: string,
  ): MiningJobSummary {
    const summary = summarise(jobId, db, ledger.totals(), status, merge, error);
    db.setStatus(jobId, status, {
      ...(error ? { error } : {}),
      result: { ...summary, rejected: undefined, outcomes: undefined },
    });
    return summary;
  }
}

function summarise(
  jobId: string,
  db: MiningDb,
  usage: UsageTotals,
  status: MiningJobSummary['status'],
  merge: MergeReport | null,
  error?: string,
): MiningJobSummary {
  const rows = db.papers(jobId);
  const outcomes = paperOutcomes(rows, (id) => id);
  const summary: MiningJobSummary = {
    jobId,
    status,
    message: outcomeMessage(outcomes),
    papers: outcomeCounts(outcomes),
    outcomes,
    triples: { accepted: 0, rejected: 0 },
    rejected: [],
    failures: rows
      .filter((r) => r.status === 'failed')
      .map((r) => ({ paperId: r.paperId, message: r.error ?? '' })),
    merge,
    usage,
    ...(error ? { error } : {}),
  };
  for (const row of rows) {
    const stored = row.result as StoredExtraction | null;
    if (!stored) continue;
    summary.triples.accepted += stored.accepted.length;
    summary.triples.rejected += stored.rejected.length;
    for (const r of stored.rejected)
      summary.rejected.push({ paperId: row.paperId, title: stored.title, ...r });
  }
  return summary;
}
