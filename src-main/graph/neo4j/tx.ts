import type { ManagedTransaction } from 'neo4j-driver';
import type { AuditAction } from '../model.ts';
import { int, toNumber } from './mapping.ts';
import { APPEND_AUDIT, CREATE_GRAPH_COUNTER, FINISH_WRITE } from './queries.ts';
import { reserveSeqs } from './seq-clock.ts';

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

export async function inChunks<T>(
  items: T[],
  write: (chunk: T[]) => Promise<unknown>,
  size = CHUNK,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) await write(items.slice(start, start + size));
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
 * A read this transaction's write depended on was overtaken by another writer's commit (the version moved, the
 * name or edge it found missing now exists). Nothing of the transaction is kept; Neo4jDriver runs the work again
 * on fresh reads, where the rules either succeed or refuse with the right CONFLICT.
 */
export class StaleWriteError extends Error {
  constructor(what: string) {
    super(`Stale write: ${what}`);
    this.name = 'StaleWriteError';
  }
}

/**
 * One write transaction: who writes and when, sequence numbers for new nodes and edges, and the audit entries
 * that are appended by its last statements (finish), with the graph stamp, just before it commits.
 */
export class WriteTx {
  readonly tx: ManagedTransaction;
  readonly meta: WriteMeta;
  private readonly pending: Row[] = [];

  constructor(tx: ManagedTransaction, meta: WriteMeta) {
    this.tx = tx;
    this.meta = meta;
  }

  rows(query: string, params: Row = {}): Promise<Row[]> {
    return rows(this.tx, query, params);
  }

  async first(query: string, params: Row = {}): Promise<Row | undefined> {
    return (await this.rows(query, params))[0];
  }

  /** Runs a statement that returns a row only when the data was as this transaction read it. */
  async expectRow(query: string, params: Row, what: string): Promise<Row> {
    const row = await this.first(query, params);
    if (!row) throw new StaleWriteError(what);
    return row;
  }

  /** Reserves `count` consecutive sequence numbers and returns the first (no shared counter: seq-clock.ts). */
  nextSeq(count = 1): number {
    return reserveSeqs(count);
  }

  audit(entry: PendingAudit): void {
    this.pending.push(this.auditRow(entry));
  }

  /** Audit rows already shaped (auditRow), e.g. a staged import's chunk tagged with its `importId`. */
  auditRows(entries: Row[]): void {
    this.pending.push(...entries);
  }

  auditRow(e: PendingAudit): Row {
    return {
      at: this.meta.at,
      actor: this.meta.actor,
      action: e.action,
      entityId: e.entityId,
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
    };
  }

  /** The planned entries as rows, taken out (the staged import appends them in chunks of their own). */
  drainAudit(): Row[] {
    return this.pending.splice(0);
  }

  /**
   * The transaction's last statements: bump the graph stamp and reserve audit seqs (the one touch of the shared
   * counter, FINISH_WRITE), then append the audit entries under them.
   */
  async finish(): Promise<void> {
    const entries = this.drainAudit();
    const count = int(entries.length);
    let reserved = await this.first(FINISH_WRITE, { count });
    if (!reserved) {
      await this.tx.run(CREATE_GRAPH_COUNTER);
      reserved = await this.first(FINISH_WRITE, { count });
    }
    let base = toNumber(reserved?.base);
    await inChunks(entries, async (chunk) => {
      await this.tx.run(APPEND_AUDIT, { entries: chunk, base: int(base) });
      base += chunk.length;
    });
  }
}
