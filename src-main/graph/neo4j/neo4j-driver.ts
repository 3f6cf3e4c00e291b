import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphCounts, GraphDriver, GraphReader, GraphWriter, ParsedImportBatch } from '../driver.ts';
import type { GraphDump } from '../dump-format.ts';
import type { AuditAction, AuditEntry, GraphNode } from '../model.ts';
import type { ImportResult } from '../port.ts';
import type { CheckedDump } from '../rules/restore-checks.ts';
import type { RestoreStep } from '../restore-watch.ts';
import type {
  AuditQuerySchema,
  NodeRelationOptionsSchema,
  RandomNodesSchema,
  SubgraphSchema,
} from '../schemas.ts';
import type { NodeRelation, Subgraph } from '../views.ts';
import { CandidateIdCache } from './candidate-cache.ts';
import { dumpGraph, restoreGraph } from './dump-restore.ts';
import { toAppError } from './errors.ts';
import { graphStamp, randomNodes, subgraph } from './explore.ts';
import { overview, shortestPath, whiteSpace } from './explore-reads.ts';
import type { GraphOverview, GraphPath, WhiteSpace } from '../explore-views.ts';
import type { OverviewQuery, WhitespaceQuery } from '../explore-schemas.ts';
import { journaledImport, recoverImports } from './import-journal.ts';
import type { ImportOptions } from './import-journal.ts';
import { int, toNumber } from './mapping.ts';
import { Neo4jReader, Neo4jWriter } from './neo4j-tx.ts';
import { AUDIT_QUERY } from './queries.ts';
import { nodeRelation } from './relations.ts';
import { graphCounts } from './stats.ts';
import { rows, StaleWriteError, WriteTx } from './tx.ts';
import { writeSlotsFor } from './write-slots.ts';

/** Runs of one write whose reads another writer overtook, before it is BUSY (each run is milliseconds). */
const STALE_WRITE_ATTEMPTS = 25;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * I/O of the Neo4j store: one driver, an explicit database, managed read/write transactions (retried by the
 * driver on transient faults, connection.ts). No graph-wide lock: every write statement locks what it changes
 * and checks it is as read (neo4j-tx.ts), a write overtaken by another is run again on fresh reads
 * (writeFresh), and at most a few writes per driver are open at once (write-slots.ts). What still fails is
 * mapped once, by errors.ts. Imports are journaled (import-journal.ts), not one transaction.
 */
export class Neo4jDriver implements GraphDriver {
  readonly kind = 'neo4j';
  readonly database: string;
  private readonly driver: Driver;
  private readonly ownsDriver: boolean;
  private readonly importLeaseMs: number;
  private closed = false;
  /** Sorted sampling candidates, valid while the graph stamp stands (see explore.ts randomNodes). */
  private readonly candidates = new CandidateIdCache();

  constructor(driver: Driver, database: string, ownsDriver: boolean, importLeaseMs: number) {
    this.driver = driver;
    this.database = database;
    this.ownsDriver = ownsDriver;
    this.importLeaseMs = importLeaseMs;
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'The graph store is closed');
    try {
      return await run();
    } catch (err) {
      throw toAppError(err);
    }
  }

  private readTx<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
      try {
        return await session.executeRead(work);
      } finally {
        await session.close();
      }
    });
  }

  private writeTx<T>(actor: string, work: (w: WriteTx) => Promise<T>): Promise<T> {
    return this.guard(() => writeSlotsFor(this.driver).run(() => this.writeFresh(actor, work)));
  }

  /**
   * The work on fresh reads until no other writer overtook them (StaleWriteError): each run is a new
   * transaction, so the rules see the other's commit and succeed on it or refuse with CONFLICT. Bounded: a node
   * rewritten faster than this loop can follow is BUSY, and nothing was saved.
   */
  private async writeFresh<T>(actor: string, work: (w: WriteTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeNow(actor, work);
      } catch (err) {
        if (!(err instanceof StaleWriteError)) throw err;
        if (attempt >= STALE_WRITE_ATTEMPTS) {
          throw new AppError('BUSY', 'The graph is busy with other changes; nothing was saved, try again', {
            reason: 'busy',
            retryable: true,
          });
        }
        await delay(Math.random() * 5 * attempt);
      }
    }
  }

  /** One managed write transaction, retried by the driver on transient faults (deadlocks among them). */
  private async writeNow<T>(actor: string, work: (w: WriteTx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(async (tx) => {
        const w = new WriteTx(tx, { actor, at: new Date().toISOString() });
        const result = await work(w);
        await w.finish();
        return result;
      });
    } finally {
      await session.close();
    }
  }

  read<T>(work: (reader: GraphReader) => Promise<T>): Promise<T> {
    return this.readTx((tx) => work(new Neo4jReader(tx)));
  }

  write<T>(actor: string, work: (writer: GraphWriter) => Promise<T>): Promise<T> {
    return this.writeTx(actor, (w) => work(new Neo4jWriter(w)));
  }

  nodeRelation(id: string, options: z.output<typeof NodeRelationOptionsSchema>): Promise<NodeRelation> {
    return this.readTx((tx) => nodeRelation(tx, id, options));
  }

  randomNodes(input: z.output<typeof RandomNodesSchema>): Promise<GraphNode[]> {
    return this.readTx((tx) => randomNodes(tx, input, this.candidates));
  }

  subgraph(input: z.output<typeof SubgraphSchema>): Promise<Subgraph> {
    return this.readTx((tx) => subgraph(tx, input));
  }

  shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null> {
    return this.readTx((tx) => shortestPath(tx, from, to, maxHops));
  }

  whiteSpace(query: WhitespaceQuery): Promise<WhiteSpace> {
    return this.readTx((tx) => whiteSpace(tx, query));
  }

  overview(query: OverviewQuery): Promise<GraphOverview> {
    return this.readTx((tx) => overview(tx, query));
  }

  counts(): Promise<GraphCounts> {
    return this.readTx((tx) => graphCounts(tx));
  }

  /** The graph counter's `epoch/writes`, bumped by every write transaction of every client. */
  stamp(): Promise<string | null> {
    return this.readTx((tx) => graphStamp(tx));
  }

  async auditLog(query: z.output<typeof AuditQuerySchema>): Promise<AuditEntry[]> {
    const found = await this.readTx((tx) =>
      rows(tx, AUDIT_QUERY, {
        entityId: query.entityId ?? null,
        actor: query.actor ?? null,
        action: query.action ?? null,
        since: query.since ?? null,
        afterSeq: query.afterSeq === undefined ? null : int(query.afterSeq),
        limit: int(query.limit),
      }),
    );
    return found.map((row) => ({
      seq: toNumber(row.seq),
      at: String(row.at),
      actor: String(row.actor),
      action: String(row.action) as AuditAction,
      entityId: String(row.entityId),
      before: typeof row.before === 'string' ? (JSON.parse(row.before) as unknown) : null,
      after: typeof row.after === 'string' ? (JSON.parse(row.after) as unknown) : null,
    }));
  }

  dump(): Promise<GraphDump> {
    return this.readTx((tx) => dumpGraph(tx));
  }

  async restore(dump: CheckedDump, actor: string, replace: boolean, step: RestoreStep): Promise<void> {
    await this.writeTx(actor, (w) => restoreGraph(w, dump, replace, step));
  }

  /** Bounded staged transactions under an import journal: one transaction could exceed the server's memory.
   * `watch` reports progress per staged step and cancels (all-or-nothing) through its signal. */
  importBatch(
    batch: ParsedImportBatch,
    actor: string,
    watch: Pick<ImportOptions, 'onProgress' | 'signal'> = {},
  ): Promise<ImportResult> {
    return journaledImport((work) => this.writeTx(actor, work), batch, actor, this.importLeaseMs, {
      ...watch,
      runAlone: (query, params) => this.runAlone(query, params),
    });
  }

  /** Rolls back imports that crashed (lease expired) and tidies committed ones; also run before each import. */
  recoverImports(): Promise<number> {
    return recoverImports(
      (work) => this.writeTx('system', work),
      (query, params) => this.runAlone(query, params),
    );
  }

  /** One statement in an auto-commit transaction of its own: schema statements may not share one with data. */
  private runAlone(query: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
      try {
        const result = await session.run(query, params);
        return result.records.map((record) => record.toObject() as Record<string, unknown>);
      } finally {
        await session.close();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDriver) await this.driver.close();
  }
}
