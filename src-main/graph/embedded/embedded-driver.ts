import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphCounts, GraphDriver, GraphReader, GraphWriter } from '../driver.ts';
import type { GraphDump } from '../dump-format.ts';
import type { AuditEntry, GraphNode } from '../model.ts';
import type { CheckedDump } from '../rules/restore-checks.ts';
import type { RestoreStep } from '../restore-watch.ts';
import type {
  AuditQuerySchema,
  NodeRelationOptionsSchema,
  RandomNodesSchema,
  SubgraphSchema,
} from '../schemas.ts';
import type { NodeRelation, Subgraph } from '../views.ts';
import { queryAudit } from './audit.ts';
import type { BinaryCodeIndex } from './binary-index.ts';
import { dumpGraph, restoreGraph } from './dump-restore.ts';
import { EmbeddedReader, EmbeddedWriter } from './embedded-tx.ts';
import { randomNodes, subgraph } from './explore.ts';
import { overview, shortestPath, whiteSpace } from './explore-reads.ts';
import type { GraphOverview, GraphPath, WhiteSpace } from '../explore-views.ts';
import type { OverviewQuery, WhitespaceQuery } from '../explore-schemas.ts';
import { nodeRowById } from './rows.ts';
import { nodeRelation } from './relations.ts';
import { graphStamp, StampedCache } from './stamped-cache.ts';
import { graphCounts } from './stats.ts';

export interface EmbeddedDriverOptions {
  /** Vector search scans one-bit codes from this many vectors of a model on (binary-index.ts). */
  approximateFrom: number;
}

/**
 * I/O of the embedded store: one better-sqlite3 connection. better-sqlite3 is synchronous, but the shared rules
 * await between statements, so operations on this connection run one at a time (a queue): a transaction is never
 * interleaved with another operation of this process, exactly as when each ran synchronously.
 */
export class EmbeddedDriver implements GraphDriver {
  readonly kind = 'embedded';
  readonly db: Database;
  private readonly candidates = new StampedCache<string[]>();
  private readonly codeIndexes = new StampedCache<BinaryCodeIndex | null>();
  private readonly approximateFrom: number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by every write transaction of this connection; the sampling cache compares it. */
  private writes = 0;
  /** Bumped by restores, which replace every vector; the code index follows other writes node by node. */
  private restores = 0;

  constructor(db: Database, options: EmbeddedDriverOptions) {
    this.db = db;
    this.approximateFrom = options.approximateFrom;
  }

  /** Runs `work` after every earlier operation of this connection has finished. */
  private serial<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(() => this.guard(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Driver faults become typed errors; AppErrors pass through unchanged. */
  private async guard<T>(run: () => Promise<T> | T): Promise<T> {
    if (!this.db.open) throw new AppError('UNAVAILABLE', 'The graph store is closed');
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
        throw new AppError('CONFLICT', `Graph constraint violated: ${(err as Error).message}`, {
          sqliteCode: code,
        });
      }
      if (code === 'SQLITE_BUSY')
        throw new AppError('UNAVAILABLE', 'The graph file is locked by another writer');
      throw err;
    }
  }

  private async inTransaction<T>(mode: 'DEFERRED' | 'IMMEDIATE', work: () => Promise<T>): Promise<T> {
    this.db.exec(`BEGIN ${mode}`);
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private approximate(): { cache: StampedCache<BinaryCodeIndex | null>; stamp: string; fromCount: number } {
    return {
      cache: this.codeIndexes,
      stamp: graphStamp(this.db, this.restores),
      fromCount: this.approximateFrom,
    };
  }

  read<T>(work: (reader: GraphReader) => Promise<T>): Promise<T> {
    return this.serial(() =>
      this.inTransaction('DEFERRED', () => work(new EmbeddedReader(this.db, () => this.approximate()))),
    );
  }

  write<T>(actor: string, work: (writer: GraphWriter) => Promise<T>): Promise<T> {
    return this.serial(() => {
      this.writes++;
      const meta = { actor, at: new Date().toISOString() };
      return this.inTransaction('IMMEDIATE', () =>
        work(new EmbeddedWriter(this.db, () => this.approximate(), meta)),
      );
    });
  }

  /** A synchronous read in one deferred transaction, so its snapshot is consistent. */
  private snapshot<T>(read: () => T): Promise<T> {
    return this.serial(() => this.db.transaction(read).deferred());
  }

  nodeRelation(id: string, options: z.output<typeof NodeRelationOptionsSchema>): Promise<NodeRelation> {
    return this.snapshot(() => nodeRelation(this.db, id, options));
  }

  randomNodes(input: z.output<typeof RandomNodesSchema>): Promise<GraphNode[]> {
    return this.serial(() => randomNodes(this.db, input, this.candidates, graphStamp(this.db, this.writes)));
  }

  subgraph(input: z.output<typeof SubgraphSchema>): Promise<Subgraph> {
    return this.snapshot(() => subgraph(this.db, input));
  }

  shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null> {
    return this.snapshot(() => {
      const [a, b] = [nodeRowById(this.db, from), nodeRowById(this.db, to)];
      return a && b ? shortestPath(this.db, a.seq, b.seq, maxHops) : null;
    });
  }

  whiteSpace(query: WhitespaceQuery): Promise<WhiteSpace> {
    return this.snapshot(() => whiteSpace(this.db, query));
  }

  overview(query: OverviewQuery): Promise<GraphOverview> {
    return this.snapshot(() => overview(this.db, query));
  }

  counts(): Promise<GraphCounts> {
    return this.snapshot(() => graphCounts(this.db));
  }

  /** This connection's writes and SQLite's data_version, which moves when another connection commits. */
  stamp(): Promise<string | null> {
    return this.serial(() => graphStamp(this.db, this.writes));
  }

  auditLog(query: z.output<typeof AuditQuerySchema>): Promise<AuditEntry[]> {
    return this.serial(() => queryAudit(this.db, query));
  }

  dump(): Promise<GraphDump> {
    return this.snapshot(() => dumpGraph(this.db));
  }

  restore(dump: CheckedDump, actor: string, replace: boolean, step: RestoreStep): Promise<void> {
    return this.serial(() => {
      // One synchronous SQLite transaction (seconds at most): it can be stopped only before it starts.
      step({ nodes: 0, edges: 0 });
      this.restores++;
      this.writes++;
      const meta = { actor, at: new Date().toISOString() };
      this.db.transaction(() => restoreGraph(this.db, dump, meta, replace)).immediate();
    });
  }

  close(): Promise<void> {
    return this.serial(() => {
      if (this.db.open) this.db.close();
    }).catch(() => undefined);
  }
}
