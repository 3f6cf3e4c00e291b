import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphCounts, GraphDriver, GraphReader, GraphWriter, ParsedImportBatch } from '../driver.ts';
import type { GraphDump } from '../dump-format.ts';
import type { AuditAction, AuditEntry, GraphNode } from '../model.ts';
import type { ImportResult } from '../port.ts';
import type { CheckedDump } from '../rules/restore-checks.ts';
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
import { int, toNumber } from './mapping.ts';
import { Neo4jReader, Neo4jWriter } from './neo4j-tx.ts';
import { AUDIT_QUERY, BUMP_GRAPH_STAMP, CREATE_GRAPH_LOCK, LOCK_GRAPH } from './queries.ts';
import { nodeRelation } from './relations.ts';
import { graphCounts } from './stats.ts';
import { rows, WriteTx } from './tx.ts';
import { writeGateFor } from './write-gate.ts';

/**
 * I/O of the Neo4j store: one driver, an explicit database, managed read/write transactions (retried by the
 * driver on transient faults, connection.ts). Every write takes the graph's write lock first, so version checks
 * and the writes after them are atomic across clients, and queues behind this driver's write gate. What still
 * fails is mapped once, by errors.ts. Imports are journaled (import-journal.ts), not one transaction.
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
    return this.guard(() => writeGateFor(this.driver).run(() => this.writeNow(actor, work)));
  }

  /** One managed write transaction under the graph lock, retried by the driver on transient faults. */
  private async writeNow<T>(actor: string, work: (w: WriteTx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(async (tx) => {
        const locked = await tx.run(LOCK_GRAPH);
        if (locked.records.length === 0) await tx.run(CREATE_GRAPH_LOCK);
        await tx.run(BUMP_GRAPH_STAMP);
        const w = new WriteTx(tx, { actor, at: new Date().toISOString() });
        const result = await work(w);
        await w.flushAudit();
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

  async restore(dump: CheckedDump, actor: string, replace: boolean): Promise<void> {
    await this.writeTx(actor, (w) => restoreGraph(w, dump, replace));
  }

  /** Bounded staged transactions under an import journal: one transaction could exceed the server's memory. */
  importBatch(batch: ParsedImportBatch, actor: string): Promise<ImportResult> {
    return journaledImport((work) => this.writeTx(actor, work), batch, actor, this.importLeaseMs);
  }

  /** Rolls back imports that crashed (lease expired) and tidies committed ones; also run before each import. */
  recoverImports(): Promise<number> {
    return recoverImports((work) => this.writeTx('system', work));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDriver) await this.driver.close();
  }
}
