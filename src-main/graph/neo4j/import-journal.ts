import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { ImportResult } from '../port.ts';
import type { ImportBatchSchema } from '../schemas.ts';
import { planImport } from './import-batch.ts';
import type { StagedStep } from './import-batch.ts';
import {
  DEFER_INDEX_MIN_VECTORS,
  deferVectorIndex,
  ensureVectorIndex,
  indexedVectorCount,
  rebuildVectorIndex,
} from './import-vector-index.ts';
import type { RunAlone } from './import-vector-index.ts';
import { stagingStepBytes } from './import-step-size.ts';
import {
  CLAIM_IMPORTS,
  CREATE_IMPORTS_CLAIM,
  CREATE_JOURNAL,
  DELETE_JOURNAL,
  DELETE_TAGGED_EDGES,
  DELETE_TAGGED_NODES,
  DELETE_UNDO,
  DELETE_UNDO_BY_IDS,
  LIVE_JOURNAL,
  MARK_JOURNAL,
  NODE_UNDO,
  RENEW_JOURNAL,
  RESTORE_VECTORS,
  STALE_JOURNALS,
  UNTAG_EDGES,
  UNTAG_NODES,
} from './import-journal-queries.ts';
import { int, nodeUpdateProps, toNumber } from './mapping.ts';
import { BULK_SAVE_NODES } from './queries.ts';
import type { GraphNode } from '../model.ts';
import type { Row, WriteTx } from './tx.ts';

/**
 * A file import on Neo4j without unbounded transaction memory, still all-or-nothing for the user:
 * 1. a small `ImportJournal {status: 'pending', leaseUntil}` node, in its own transaction;
 * 2. the planned writes (import-batch.ts) in bounded transactions, each renewing the lease; everything created
 *    is tagged with the import id, every stored node or vector changed gets an `ImportUndo` record first;
 * 3. success: the journal is marked `committed` in one tiny transaction, then tags and undo records are
 *    removed in batches; failure: undo records are applied and everything tagged deleted, in batches.
 * A crashed import (lease expired) is rolled back, and an untidy committed one tidied, before the next import.
 * A bulk load into a graph without vectors builds the vector index once, after staging (import-vector-index.ts).
 * Imports are serialised: one live journal at a time, another import meanwhile is a CONFLICT.
 * Readers may see the rows of an import in flight (see the room README).
 */

type Batch = z.output<typeof ImportBatchSchema>;
/** Runs one write transaction (Neo4jDriver.writeTx). */
export type RunWrite = <T>(work: (w: WriteTx) => Promise<T>) => Promise<T>;

/** How long a silent import keeps its claim: each bounded transaction renews it. */
export const DEFAULT_IMPORT_LEASE_MS = 60_000;
const CLEANUP_LIMIT = 2_000;

export interface ImportProgress {
  /** Staged steps done, of `total` (each a bounded transaction). */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Runs one statement in a transaction of its own: with it, the vector index may be built after the load
   * (import-vector-index.ts), and a rollback makes sure it exists. */
  runAlone?: RunAlone;
  /** Awaited before the next step (a caller may hold the import there, e.g. to look at the graph mid-way). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Aborted: the import stops before its next step and is rolled back (CANCELLED). */
  signal?: AbortSignal;
}

export async function journaledImport(
  runWrite: RunWrite,
  batch: Batch,
  owner: string,
  leaseMs = DEFAULT_IMPORT_LEASE_MS,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { runAlone, onProgress, signal } = options;
  await recoverImports(runWrite, runAlone);
  const id = randomUUID();
  await runWrite(async (w) => {
    await claimImportSlot(w);
    await w.rows(CREATE_JOURNAL, { id, owner, at: w.meta.at, leaseMs: int(leaseMs) });
  });
  let result: ImportResult;
  try {
    const stepBytes = await stagingStepBytes(runAlone);
    const plan = await runWrite((w) => planImport(w, batch, stepBytes));
    result = plan.result;
    const { steps } = plan;
    let done = 0;
    const stage = async (step: StagedStep): Promise<void> => {
      if (signal?.aborted) {
        throw new AppError('CANCELLED', 'The import was cancelled; nothing of it was kept', { importId: id });
      }
      await runWrite((w) => stageStep(w, id, step, leaseMs));
      await onProgress?.({ done: ++done, total: steps.length });
    };
    const deferred =
      runAlone !== undefined &&
      indexedVectorCount(steps) >= DEFER_INDEX_MIN_VECTORS &&
      (await deferVectorIndex(runWrite, runAlone));
    for (const step of steps) if (!step.registersModels) await stage(step);
    if (deferred) await rebuildVectorIndex(runAlone, leaseKeeper(runWrite, id, leaseMs));
    for (const step of steps) if (step.registersModels) await stage(step);
    await runWrite(async (w) => {
      if (!(await w.first(MARK_JOURNAL, { id, from: ['pending'], to: 'committed' }))) {
        throw new AppError('CONFLICT', 'The import was rolled back meanwhile (its lease expired)', {
          importId: id,
        });
      }
    });
  } catch (err) {
    // The user's graph goes back to how it was; a failure here is left to the next import's recovery.
    await rollbackImport(runWrite, id, runAlone).catch(() => undefined);
    throw err;
  }
  await tidyCommitted(runWrite, id).catch(() => undefined);
  return result;
}

/**
 * Takes the imports lock for the rest of the caller's transaction (a whole-graph restore holds it to its commit)
 * and refuses with CONFLICT while a journaled import is live.
 */
export async function claimImportSlot(w: WriteTx): Promise<void> {
  if (!(await w.first(CLAIM_IMPORTS))) {
    await w.rows(CREATE_IMPORTS_CLAIM);
    await w.rows(CLAIM_IMPORTS);
  }
  const live = await w.first(LIVE_JOURNAL);
  if (live) {
    throw new AppError(
      'CONFLICT',
      `Another import is in progress (by ${String(live.owner)}); try again later`,
      {
        importId: live.id,
      },
    );
  }
}

async function renewLease(w: WriteTx, id: string, leaseMs: number): Promise<void> {
  if (!(await w.first(RENEW_JOURNAL, { id, leaseMs: int(leaseMs) }))) {
    throw new AppError('CONFLICT', 'The import was rolled back meanwhile (its lease expired)', {
      importId: id,
    });
  }
}

/** Renews the lease while the import waits on the server (a quarter lease apart: each renewal is a write). */
function leaseKeeper(runWrite: RunWrite, id: string, leaseMs: number): () => Promise<void> {
  let renewedAt = Date.now();
  return async () => {
    if (Date.now() - renewedAt < leaseMs / 4) return;
    await runWrite((w) => renewLease(w, id, leaseMs));
    renewedAt = Date.now();
  };
}

async function stageStep(w: WriteTx, id: string, step: StagedStep, leaseMs: number): Promise<void> {
  await renewLease(w, id, leaseMs);
  if (step.appendsAudit) {
    w.auditRows(step.rows.map((row) => ({ ...(row as Row), importId: id })));
    return;
  }
  const rows = await w.rows(step.query, { rows: step.rows, importId: id });
  if (step.guardsVersions && toNumber(rows[0]?.saved) !== step.rows.length) {
    throw new AppError('CONFLICT', 'A node this import merges into was changed by another writer meanwhile', {
      importId: id,
    });
  }
}

/** Roll back crashed imports and finish tidying committed ones; called before every import. */
export async function recoverImports(runWrite: RunWrite, runAlone?: RunAlone): Promise<number> {
  const stale = await runWrite((w) => w.rows(STALE_JOURNALS));
  for (const journal of stale) {
    const id = String(journal.id);
    if (journal.status === 'committed') await tidyCommitted(runWrite, id);
    else await rollbackImport(runWrite, id, runAlone);
  }
  return stale.length;
}

async function repeatUntilDone(runWrite: RunWrite, query: string, id: string): Promise<void> {
  for (;;) {
    const row = await runWrite((w) => w.first(query, { id, limit: int(CLEANUP_LIMIT) }));
    if (toNumber(row?.done) === 0) return;
  }
}

async function tidyCommitted(runWrite: RunWrite, id: string): Promise<void> {
  // Undo records first: they carry the tag too, and untagged they could no longer be found.
  await repeatUntilDone(runWrite, DELETE_UNDO, id);
  await repeatUntilDone(runWrite, UNTAG_EDGES, id);
  await repeatUntilDone(runWrite, UNTAG_NODES, id);
  await runWrite((w) => w.rows(DELETE_JOURNAL, { id }));
}

/** Undo an import: stored nodes and vectors back as they were, everything it created deleted, in batches; and the
 * vector index there again, should the import have deferred it. */
export async function rollbackImport(runWrite: RunWrite, id: string, runAlone?: RunAlone): Promise<void> {
  // Claimed first: a still-running owner fails its next step instead of writing on.
  await runWrite((w) => w.rows(MARK_JOURNAL, { id, from: ['pending', 'rolling-back'], to: 'rolling-back' }));
  for (;;) {
    const restored = await runWrite(async (w) => {
      const undo = await w.rows(NODE_UNDO, { id, limit: int(CLEANUP_LIMIT) });
      if (undo.length === 0) return 0;
      const saves = undo.map((u) => {
        const before = JSON.parse(String(u.before)) as GraphNode;
        return { id: before.id, props: nodeUpdateProps(before) };
      });
      await w.rows(BULK_SAVE_NODES, { rows: saves });
      await w.rows(DELETE_UNDO_BY_IDS, { ids: undo.map((u) => u.undoId) });
      return undo.length;
    });
    if (restored === 0) break;
  }
  await repeatUntilDone(runWrite, RESTORE_VECTORS, id);
  await repeatUntilDone(runWrite, DELETE_TAGGED_EDGES, id);
  await repeatUntilDone(runWrite, DELETE_TAGGED_NODES, id);
  await repeatUntilDone(runWrite, DELETE_UNDO, id);
  // Before the journal goes: a crash here leaves the journal, so the next recovery comes back to this.
  if (runAlone) await ensureVectorIndex(runAlone);
  await runWrite((w) => w.rows(DELETE_JOURNAL, { id }));
}
