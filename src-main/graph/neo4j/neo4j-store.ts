import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../shared/errors.ts';
import { parseGraphDump } from '../dump-format.ts';
import type { GraphDump } from '../dump-format.ts';
import type { AuditAction, AuditEntry, GraphEdge, GraphNode, NodeEmbedding, NodeKind } from '../model.ts';
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
import type { Neo4jConfig } from './config.ts';
import { CandidateIdCache } from './candidate-cache.ts';
import { createNeo4jDriver } from './connection.ts';
import { dumpGraph, restoreGraph } from './dump-restore.ts';
import { edgeById, insertEdge, removeEdge, updateEdge } from './edge-writes.ts';
import { ensureModel, findModel, putVector, readVector } from './embeddings.ts';
import { toAppError } from './errors.ts';
import { randomNodes, subgraph } from './explore.ts';
import { DEFAULT_IMPORT_LEASE_MS, journaledImport, recoverImports } from './import-journal.ts';
import { int, toFloat32List, toNumber } from './mapping.ts';
import { mergeNodes } from './merge-nodes.ts';
import { deleteNode, nodeById, nodeByName, requireNode, updateNode, upsertNode } from './node-writes.ts';
import { AUDIT_QUERY, BUMP_GRAPH_STAMP, CREATE_GRAPH_LOCK, LOCK_GRAPH } from './queries.ts';
import { nodeRelation } from './relations.ts';
import { nodeSearch } from './search.ts';
import { graphStats } from './stats.ts';
import { rows, WriteTx } from './tx.ts';
import { writeGateFor } from './write-gate.ts';

/**
 * The GraphStore on Neo4j 5.26+: what lab groups share. One driver, an explicit database, managed read/write
 * transactions (retried by the driver on transient faults). Every write takes the graph's write lock first, so
 * version checks and the writes after them are atomic, exactly like the embedded store's IMMEDIATE transactions.
 * Run the Cypher migrations (migrations.ts) before opening a store on a new database.
 */
export class Neo4jGraphStore implements Port.GraphStore {
  readonly kind = 'neo4j';
  readonly database: string;
  private readonly driver: Driver;
  private readonly ownsDriver: boolean;
  private closed = false;
  /** Sorted sampling candidates, valid while the graph stamp stands (see explore.ts randomNodes). */
  private readonly candidates = new CandidateIdCache();

  /** How long a silent import keeps its claim before another process may roll it back (import-journal.ts). */
  private readonly importLeaseMs: number;

  constructor(driver: Driver, database: string, ownsDriver = false, importLeaseMs = DEFAULT_IMPORT_LEASE_MS) {
    this.driver = driver;
    this.database = database;
    this.ownsDriver = ownsDriver;
    this.importLeaseMs = importLeaseMs;
  }

  static open(config: Neo4jConfig): Neo4jGraphStore {
    return new Neo4jGraphStore(createNeo4jDriver(config), config.database, true);
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'The graph store is closed');
    try {
      return await run();
    } catch (err) {
      throw toAppError(err);
    }
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
      try {
        return await session.executeRead(work);
      } finally {
        await session.close();
      }
    });
  }

  private write<T>(ctx: Port.WriteContext, work: (w: WriteTx) => Promise<T>): Promise<T> {
    const { actor } = parseInput(WriteContextSchema, ctx, 'write context');
    return this.guard(() => writeGateFor(this.driver).run(() => this.writeNow(actor, work)));
  }

  /** One managed write transaction, retried by the driver on transient faults (connection.ts); what still
   * fails is mapped by errors.ts. */
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

  async upsertNode(input: Port.NodeInput, ctx: Port.WriteContext): Promise<Port.UpsertResult> {
    const parsed = parseInput(NodeInputSchema, input, 'node');
    return this.write(ctx, (w) => upsertNode(w, parsed));
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return this.read((tx) => nodeById(tx, id));
  }

  async getNodeByName(kind: NodeKind, name: string): Promise<GraphNode | null> {
    const parsedKind = parseInput(NodeKindSchema, kind, 'kind');
    return this.read((tx) => nodeByName(tx, parsedKind, normalizeName(name)));
  }

  async updateNode(input: Port.UpdateNodeInput, ctx: Port.WriteContext): Promise<GraphNode> {
    const parsed = parseInput(UpdateNodeSchema, input, 'node update');
    return this.write(ctx, (w) => updateNode(w, parsed));
  }

  async deleteNode(input: Port.DeleteNodeInput, ctx: Port.WriteContext): Promise<void> {
    const parsed = parseInput(DeleteNodeSchema, input, 'node delete');
    await this.write(ctx, (w) => deleteNode(w, parsed));
  }

  async mergeNodes(input: Port.MergeNodesInput, ctx: Port.WriteContext): Promise<GraphNode> {
    const parsed = parseInput(MergeNodesSchema, input, 'node merge');
    return this.write(ctx, (w) => mergeNodes(w, parsed));
  }

  async addEdge(input: Port.AddEdgeInput, ctx: Port.WriteContext): Promise<Port.EdgeResult> {
    const parsed = parseInput(AddEdgeSchema, input, 'edge');
    return this.write(ctx, async (w) => {
      const from = await requireNode(w.tx, parsed.from, 'from');
      const to = await requireNode(w.tx, parsed.to, 'to');
      return insertEdge(w, parsed, from, to);
    });
  }

  async getEdge(id: string): Promise<GraphEdge | null> {
    return this.read((tx) => edgeById(tx, id));
  }

  async updateEdge(input: Port.UpdateEdgeInput, ctx: Port.WriteContext): Promise<GraphEdge> {
    const parsed = parseInput(UpdateEdgeSchema, input, 'edge update');
    return this.write(ctx, (w) => updateEdge(w, parsed));
  }

  async removeEdge(input: Port.RemoveEdgeInput, ctx: Port.WriteContext): Promise<void> {
    const parsed = parseInput(RemoveEdgeSchema, input, 'edge removal');
    await this.write(ctx, (w) => removeEdge(w, parsed));
  }

  async setEmbedding(input: Port.SetEmbeddingInput, ctx: Port.WriteContext): Promise<NodeEmbedding> {
    const parsed = parseInput(SetEmbeddingSchema, input, 'embedding');
    const vector = toFloat32List(parsed.vector);
    return this.write(ctx, async (w) => {
      const node = await requireNode(w.tx, parsed.nodeId, 'nodeId');
      const info = await ensureModel(w.tx, parsed.model, vector.length);
      await putVector(w.tx, node.id, info, vector);
      const summary = { nodeId: node.id, model: info.model, dimension: info.dimension };
      w.audit({ action: 'embedding.set', entityId: node.id, before: null, after: summary });
      return summary;
    });
  }

  async getEmbedding(nodeId: string, model: string): Promise<number[] | null> {
    return this.read(async (tx) => ((await findModel(tx, model)) ? readVector(tx, nodeId, model) : null));
  }

  async nodeSearch(input: Port.NodeSearchInput): Promise<Port.SearchHit[]> {
    const parsed = parseInput(NodeSearchSchema, input, 'search');
    return this.read((tx) => nodeSearch(tx, parsed));
  }

  async nodeRelation(id: string, options: Port.NodeRelationOptions = {}): Promise<Port.NodeRelation> {
    const parsed = parseInput(NodeRelationOptionsSchema, options, 'relation options');
    return this.read((tx) => nodeRelation(tx, id, parsed));
  }

  async randomNodes(input: Port.RandomNodesInput): Promise<GraphNode[]> {
    const parsed = parseInput(RandomNodesSchema, input, 'random nodes');
    return this.read((tx) => randomNodes(tx, parsed, this.candidates));
  }

  async subgraph(input: Port.SubgraphInput): Promise<Port.Subgraph> {
    const parsed = parseInput(SubgraphSchema, input, 'subgraph');
    return this.read((tx) => subgraph(tx, parsed));
  }

  async stats(): Promise<Port.GraphStats> {
    return this.read((tx) => graphStats(tx));
  }

  async importBatch(input: Port.ImportBatchInput, ctx: Port.WriteContext): Promise<Port.ImportResult> {
    const parsed = parseInput(ImportBatchSchema, input, 'import batch');
    const { actor } = parseInput(WriteContextSchema, ctx, 'write context');
    return journaledImport((work) => this.write(ctx, work), parsed, actor, this.importLeaseMs);
  }

  /** Rolls back imports that crashed (lease expired) and tidies committed ones; also run before each import. */
  async recoverImports(): Promise<number> {
    return recoverImports((work) => this.write({ actor: 'system' }, work));
  }

  async dump(): Promise<GraphDump> {
    return this.read((tx) => dumpGraph(tx));
  }

  async restore(
    dump: unknown,
    ctx: Port.WriteContext,
    options: Port.RestoreOptions = {},
  ): Promise<{ nodes: number; edges: number }> {
    const parsed = parseGraphDump(dump);
    const { replace } = parseInput(RestoreOptionsSchema, options, 'restore options');
    await this.write(ctx, (w) => restoreGraph(w, parsed, replace));
    return { nodes: parsed.nodes.length, edges: parsed.edges.length };
  }

  async auditLog(query: Port.AuditQuery = {}): Promise<AuditEntry[]> {
    const parsed = parseInput(AuditQuerySchema, query, 'audit query');
    const found = await this.read((tx) =>
      rows(tx, AUDIT_QUERY, {
        entityId: parsed.entityId ?? null,
        actor: parsed.actor ?? null,
        action: parsed.action ?? null,
        since: parsed.since ?? null,
        afterSeq: parsed.afterSeq === undefined ? null : int(parsed.afterSeq),
        limit: int(parsed.limit),
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDriver) await this.driver.close();
  }
}
