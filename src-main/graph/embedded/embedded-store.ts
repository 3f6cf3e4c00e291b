import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import { parseGraphDump } from '../dump-format.ts';
import type { GraphDump } from '../dump-format.ts';
import type { AuditEntry, GraphEdge, GraphNode, NodeEmbedding, NodeKind } from '../model.ts';
import { normalizeName } from '../normalize-name.ts';
import { parseInput } from '../parse-input.ts';
import type * as Port from '../port.ts';
import {
  AddEdgeSchema,
  AuditQuerySchema,
  DeleteNodeSchema,
  ImportBatchSchema,
  MergeNodesSchema,
  NodeInputSchema,
  NodeKindSchema,
  NodeRelationOptionsSchema,
  NodeSearchSchema,
  RandomNodesSchema,
  RemoveEdgeSchema,
  RestoreOptionsSchema,
  SetEmbeddingSchema,
  SubgraphSchema,
  UpdateEdgeSchema,
  UpdateNodeSchema,
  WriteContextSchema,
} from '../schemas.ts';
import { queryAudit, appendAudit } from './audit.ts';
import { insertEdge, removeEdge, updateEdge } from './edge-writes.ts';
import { ensureModel, findModel, putVector, readVector, toFloat32 } from './embeddings.ts';
import { randomNodes, subgraph } from './explore.ts';
import type { BinaryCodeIndex } from './binary-index.ts';
import { graphStamp, StampedCache } from './stamped-cache.ts';
import { dumpGraph, restoreGraph } from './dump-restore.ts';
import { importBatch } from './import-batch.ts';
import { mergeNodes } from './merge-nodes.ts';
import { deleteNode, updateNode, upsertNode } from './node-writes.ts';
import type { WriteMeta } from './node-writes.ts';
import { openGraphDatabase } from './open-database.ts';
import { nodeRelation } from './relations.ts';
import { edgeRowById, nodeRowById, nodeRowByName, requireNodeRow, rowToEdge, rowToNode } from './rows.ts';
import { nodeSearch } from './search.ts';
import { graphStats } from './stats.ts';

export interface EmbeddedStoreOptions {
  /**
   * From this many vectors of a model on, vector search scans one-bit codes and re-scores the best candidates
   * exactly (binary-index.ts) instead of scanning every float vector. 0 = always, Infinity = never.
   */
  approximateVectorSearchFrom?: number;
}

// Below this an exact scan takes a few milliseconds anyway.
const DEFAULT_APPROXIMATE_FROM = 20_000;

/**
 * The default GraphStore: one SQLite file (WAL) with FTS5 for lexical and sqlite-vec for vector search.
 * better-sqlite3 is synchronous; methods are async only to share the port with Neo4j. Every write runs in one
 * IMMEDIATE transaction, so a failure anywhere leaves the file as it was.
 */
export class EmbeddedGraphStore implements Port.GraphStore {
  readonly kind = 'embedded';
  readonly path: string;
  private readonly db: Database;
  private readonly candidates = new StampedCache<string[]>();
  private readonly codeIndexes = new StampedCache<BinaryCodeIndex | null>();
  private readonly approximateFrom: number;
  /** Bumped by every write transaction of this connection; the sampling cache compares it. */
  private writes = 0;
  /** Bumped by restores, which replace every vector; the code index follows other writes node by node. */
  private restores = 0;

  private constructor(path: string, db: Database, options: EmbeddedStoreOptions) {
    this.path = path;
    this.db = db;
    this.approximateFrom = options.approximateVectorSearchFrom ?? DEFAULT_APPROXIMATE_FROM;
  }

  static open(path: string, options: EmbeddedStoreOptions = {}): EmbeddedGraphStore {
    return new EmbeddedGraphStore(path, openGraphDatabase(path), options);
  }

  private write<T>(ctx: Port.WriteContext, run: (meta: WriteMeta) => T): T {
    const { actor } = parseInput(WriteContextSchema, ctx, 'write context');
    const meta = { actor, at: new Date().toISOString() };
    this.writes++;
    return this.guard(() => this.db.transaction(() => run(meta)).immediate());
  }

  /** Driver faults become typed errors; AppErrors pass through unchanged. */
  private guard<T>(run: () => T): T {
    if (!this.db.open) throw new AppError('UNAVAILABLE', 'The graph store is closed');
    try {
      return run();
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

  async upsertNode(input: Port.NodeInput, ctx: Port.WriteContext): Promise<Port.UpsertResult> {
    const parsed = parseInput(NodeInputSchema, input, 'node');
    const { node, created, changed } = this.write(ctx, (meta) => upsertNode(this.db, parsed, meta));
    return { node, created, changed };
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return this.guard(() => {
      const row = nodeRowById(this.db, id);
      return row ? rowToNode(row) : null;
    });
  }

  async getNodeByName(kind: NodeKind, name: string): Promise<GraphNode | null> {
    const parsedKind = parseInput(NodeKindSchema, kind, 'kind');
    return this.guard(() => {
      const row = nodeRowByName(this.db, parsedKind, normalizeName(name));
      return row ? rowToNode(row) : null;
    });
  }

  async updateNode(input: Port.UpdateNodeInput, ctx: Port.WriteContext): Promise<GraphNode> {
    const parsed = parseInput(UpdateNodeSchema, input, 'node update');
    return this.write(ctx, (meta) => updateNode(this.db, parsed, meta));
  }

  async deleteNode(input: Port.DeleteNodeInput, ctx: Port.WriteContext): Promise<void> {
    const parsed = parseInput(DeleteNodeSchema, input, 'node delete');
    this.write(ctx, (meta) => deleteNode(this.db, parsed, meta));
  }

  async mergeNodes(input: Port.MergeNodesInput, ctx: Port.WriteContext): Promise<GraphNode> {
    const parsed = parseInput(MergeNodesSchema, input, 'node merge');
    return this.write(ctx, (meta) => mergeNodes(this.db, parsed, meta));
  }

  async addEdge(input: Port.AddEdgeInput, ctx: Port.WriteContext): Promise<Port.EdgeResult> {
    const parsed = parseInput(AddEdgeSchema, input, 'edge');
    return this.write(ctx, (meta) => {
      const from = requireNodeRow(this.db, parsed.from, 'from');
      const to = requireNodeRow(this.db, parsed.to, 'to');
      return insertEdge(
        this.db,
        parsed,
        { seq: from.seq, id: from.id, kind: from.kind as NodeKind },
        { seq: to.seq, id: to.id, kind: to.kind as NodeKind },
        meta,
      );
    });
  }

  async getEdge(id: string): Promise<GraphEdge | null> {
    return this.guard(() => {
      const row = edgeRowById(this.db, id);
      return row ? rowToEdge(row) : null;
    });
  }

  async updateEdge(input: Port.UpdateEdgeInput, ctx: Port.WriteContext): Promise<GraphEdge> {
    const parsed = parseInput(UpdateEdgeSchema, input, 'edge update');
    return this.write(ctx, (meta) => updateEdge(this.db, parsed, meta));
  }

  async removeEdge(input: Port.RemoveEdgeInput, ctx: Port.WriteContext): Promise<void> {
    const parsed = parseInput(RemoveEdgeSchema, input, 'edge removal');
    this.write(ctx, (meta) => removeEdge(this.db, parsed, meta));
  }

  async setEmbedding(input: Port.SetEmbeddingInput, ctx: Port.WriteContext): Promise<NodeEmbedding> {
    const parsed = parseInput(SetEmbeddingSchema, input, 'embedding');
    const vector = toFloat32(parsed.vector);
    return this.write(ctx, (meta) => {
      const row = requireNodeRow(this.db, parsed.nodeId, 'nodeId');
      const info = ensureModel(this.db, parsed.model, vector.length);
      putVector(this.db, info, row, vector);
      const summary = { nodeId: row.id, model: info.model, dimension: info.dimension };
      appendAudit(this.db, {
        ...meta,
        action: 'embedding.set',
        entityId: row.id,
        before: null,
        after: summary,
      });
      return summary;
    });
  }

  async getEmbedding(nodeId: string, model: string): Promise<number[] | null> {
    return this.guard(() => {
      const row = nodeRowById(this.db, nodeId);
      const info = findModel(this.db, model);
      const vector = row && info ? readVector(this.db, info, row.seq) : null;
      return vector ? Array.from(vector) : null;
    });
  }

  async nodeSearch(input: Port.NodeSearchInput): Promise<Port.SearchHit[]> {
    const parsed = parseInput(NodeSearchSchema, input, 'search');
    return this.guard(() =>
      nodeSearch(this.db, parsed, {
        cache: this.codeIndexes,
        stamp: graphStamp(this.db, this.restores),
        fromCount: this.approximateFrom,
      }),
    );
  }

  async nodeRelation(id: string, options: Port.NodeRelationOptions = {}): Promise<Port.NodeRelation> {
    const parsed = parseInput(NodeRelationOptionsSchema, options, 'relation options');
    return this.guard(() => this.db.transaction(() => nodeRelation(this.db, id, parsed)).deferred());
  }

  async randomNodes(input: Port.RandomNodesInput): Promise<GraphNode[]> {
    const parsed = parseInput(RandomNodesSchema, input, 'random nodes');
    return this.guard(() => randomNodes(this.db, parsed, this.candidates, graphStamp(this.db, this.writes)));
  }

  async subgraph(input: Port.SubgraphInput): Promise<Port.Subgraph> {
    const parsed = parseInput(SubgraphSchema, input, 'subgraph');
    return this.guard(() => this.db.transaction(() => subgraph(this.db, parsed)).deferred());
  }

  async stats(): Promise<Port.GraphStats> {
    return this.guard(() => this.db.transaction(() => graphStats(this.db)).deferred());
  }

  async importBatch(input: Port.ImportBatchInput, ctx: Port.WriteContext): Promise<Port.ImportResult> {
    const parsed = parseInput(ImportBatchSchema, input, 'import batch');
    return this.write(ctx, (meta) => importBatch(this.db, parsed, meta));
  }

  async dump(): Promise<GraphDump> {
    return this.guard(() => this.db.transaction(() => dumpGraph(this.db)).deferred());
  }

  async restore(
    dump: unknown,
    ctx: Port.WriteContext,
    options: Port.RestoreOptions = {},
  ): Promise<{ nodes: number; edges: number }> {
    const parsed = parseGraphDump(dump);
    const { replace } = parseInput(RestoreOptionsSchema, options, 'restore options');
    this.restores++;
    this.write(ctx, (meta) => restoreGraph(this.db, parsed, meta, replace));
    return { nodes: parsed.nodes.length, edges: parsed.edges.length };
  }

  async auditLog(query: Port.AuditQuery = {}): Promise<AuditEntry[]> {
    const parsed = parseInput(AuditQuerySchema, query, 'audit query');
    return this.guard(() => queryAudit(this.db, parsed));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
