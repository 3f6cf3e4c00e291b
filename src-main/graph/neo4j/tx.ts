import type { ManagedTransaction } from 'neo4j-driver';
import type { AuditAction } from '../model.ts';
import { int, toNumber } from './mapping.ts';
import { APPEND_AUDIT, NEXT_SEQS } from './queries.ts';

export type Row = Record<string, unknown>;

/** Run one query in a transaction and return plain record objects. */
export async function rows(tx: ManagedTransaction, query: string, params: Row = {}): Promise<Row[]> {
  const result = await tx.run(query, params);
  return result.records.map((record) => record.toObject() as Row);
}

export async function firstRow(
  tx: ManagedTransaction,
  query: string,
  params: Row = {},
): Promise<Row | undefined> {
  return (await rows(tx, query, params))[0];
}

/** Rows per UNWIND: large enough to be fast, small enough to keep each statement's memory modest. */
const CHUNK = 2_000;

export function chunksOf<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) chunks.push(items.slice(start, start + CHUNK));
  return chunks;
}

export async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await write(items.slice(start, start + CHUNK));
}

export interface WriteMeta {
  actor: string;
  at: string;
}

interface PendingAudit {
  action: AuditAction;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * One write transaction: who writes and when, sequence numbers for new nodes and edges, and the audit entries
 * that are appended in the same transaction just before it commits.
 */
export class WriteTx {
  readonly tx: ManagedTransaction;
  readonly meta: WriteMeta;
  private readonly pending: PendingAudit[] = [];

  constructor(tx: ManagedTransaction, meta: WriteMeta) {
    this.tx = tx;
    this.meta = meta;
  }

  rows(query: string, params: Row = {}): Promise<Row[]> {
    return rows(this.tx, query, params);
  }

  first(query: string, params: Row = {}): Promise<Row | undefined> {
    return firstRow(this.tx, query, params);
  }

  /** Reserves `count` consecutive sequence numbers and returns the first. */
  async nextSeq(count = 1): Promise<number> {
    const row = await this.first(NEXT_SEQS, { count: int(count) });
    return toNumber(row?.base) + 1;
  }

  audit(entry: PendingAudit): void {
    this.pending.push(entry);
  }

  /** The planned entries as rows for APPEND_AUDIT, taken out (the staged import appends them in chunks). */
  drainAudit(): Row[] {
    return this.pending.splice(0).map((e) => ({
      at: this.meta.at,
      actor: this.meta.actor,
      action: e.action,
      entityId: e.entityId,
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
    }));
  }

  async flushAudit(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.drainAudit();
    await inChunks(entries, (chunk) => this.tx.run(APPEND_AUDIT, { entries: chunk }));
  }
}
