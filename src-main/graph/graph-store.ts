import type { z } from 'zod';
import type { GraphDriver, GraphWriter } from './driver.ts';
import { parseGraphDump } from './dump-format.ts';
import type { GraphDump } from './dump-format.ts';
import type { AuditEntry, GraphEdge, GraphNode, NodeEmbedding, NodeKind } from './model.ts';
import { normalizeName } from './normalize-name.ts';
import { parseInput } from './parse-input.ts';
import type * as Port from './port.ts';
import { insertEdge, removeEdge, updateEdge } from './rules/edge-rules.ts';
import { ensureModel, findModel } from './rules/embedding-rules.ts';
import { importBatch } from './rules/import-batch.ts';
import { deleteNode, mergeNodes, requireNode, updateNode, upsertNode } from './rules/node-rules.ts';
import { checkDumpForRestore } from './rules/restore-checks.ts';
import { DeletedNodeRecordSchema, MergeRecordSchema } from './rules/undo-record.ts';
import type { DeletedNodeRecord, MergeRecord } from './rules/undo-record.ts';
import { restoreDeleted, unmerge } from './rules/undo-restore.ts';
import type { RestoreDeletedResult, UnmergeResult } from './rules/undo-restore.ts';
import { restoreSteps, type RestoreWatch } from './restore-watch.ts';
import { findPath, findWhiteSpace, graphOverview } from './rules/explore.ts';
import { nodeSearch } from './rules/search.ts';
import { statsFrom } from './rules/stats.ts';
import * as Schemas from './schemas.ts';

/**
 * The one GraphStore: every rule of the port (parsing at the boundary, versions and conflicts, patches, edge
 * checks, embedding models, hybrid fusion, dump validation) over a driver that only does I/O (driver.ts).
 * The embedded (SQLite) and Neo4j stores are this class over their drivers.
 */
export class GraphStore<D extends GraphDriver = GraphDriver> implements Port.GraphStore {
  readonly kind: string;
  protected readonly driver: D;
  private statsCache: { stamp: string; stats: Port.GraphStats } | null = null;

  constructor(driver: D) {
    this.driver = driver;
    this.kind = driver.kind;
  }

  private actor(ctx: Port.WriteContext): string {
    return parseInput(Schemas.WriteContextSchema, ctx, 'write context').actor;
  }

  /** Parses the input at the boundary (then the context) and runs `rule` on it in one write, as the context's actor. */
  private parsedWrite<S extends z.ZodType, T>(
    schema: S,
    input: unknown,
    what: string,
    ctx: Port.WriteContext,
    rule: (w: GraphWriter, parsed: z.output<S>) => Promise<T>,
  ): Promise<T> {
    const parsed = parseInput(schema, input, what);
    return this.driver.write(this.actor(ctx), (w) => rule(w, parsed));
  }

  async upsertNode(input: Port.NodeInput, ctx: Port.WriteContext): Promise<Port.UpsertResult> {
    return this.parsedWrite(Schemas.NodeInputSchema, input, 'node', ctx, upsertNode);
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return this.driver.read((r) => r.nodeById(id));
  }

  async getNodeByName(kind: NodeKind, name: string): Promise<GraphNode | null> {
    const parsedKind = parseInput(Schemas.NodeKindSchema, kind, 'kind');
    return this.driver.read((r) => r.nodeByName(parsedKind, normalizeName(name)));
  }

  async updateNode(input: Port.UpdateNodeInput, ctx: Port.WriteContext): Promise<GraphNode> {
    return this.parsedWrite(Schemas.UpdateNodeSchema, input, 'node update', ctx, updateNode);
  }

  async deleteNode(input: Port.DeleteNodeInput, ctx: Port.WriteContext): Promise<DeletedNodeRecord> {
    return this.parsedWrite(Schemas.DeleteNodeSchema, input, 'node delete', ctx, deleteNode);
  }

  async mergeNodes(input: Port.MergeNodesInput, ctx: Port.WriteContext): Promise<GraphNode> {
    return (await this.mergeNodesRecorded(input, ctx)).node;
  }

  async mergeNodesRecorded(input: Port.MergeNodesInput, ctx: Port.WriteContext): Promise<Port.RecordedMerge> {
    return this.parsedWrite(Schemas.MergeNodesSchema, input, 'node merge', ctx, mergeNodes);
  }

  async restoreDeleted(record: unknown, ctx: Port.WriteContext): Promise<RestoreDeletedResult> {
    const parsed = parseInput(DeletedNodeRecordSchema, record, 'delete undo record');
    return this.driver.write(this.actor(ctx), (w) => restoreDeleted(w, parsed as DeletedNodeRecord));
  }

  async unmerge(record: unknown, ctx: Port.WriteContext): Promise<UnmergeResult> {
    const parsed = parseInput(MergeRecordSchema, record, 'merge undo record');
    return this.driver.write(this.actor(ctx), (w) => unmerge(w, parsed as MergeRecord));
  }

  async addEdge(input: Port.AddEdgeInput, ctx: Port.WriteContext): Promise<Port.EdgeResult> {
    const parsed = parseInput(Schemas.AddEdgeSchema, input, 'edge');
    return this.driver.write(this.actor(ctx), async (w) => {
      const from = await requireNode(w, parsed.from, 'from');
      const to = await requireNode(w, parsed.to, 'to');
      return insertEdge(w, parsed, from, to);
    });
  }

  async getEdge(id: string): Promise<GraphEdge | null> {
    return this.driver.read((r) => r.edgeById(id));
  }

  async updateEdge(input: Port.UpdateEdgeInput, ctx: Port.WriteContext): Promise<GraphEdge> {
    return this.parsedWrite(Schemas.UpdateEdgeSchema, input, 'edge update', ctx, updateEdge);
  }

  async removeEdge(input: Port.RemoveEdgeInput, ctx: Port.WriteContext): Promise<void> {
    return this.parsedWrite(Schemas.RemoveEdgeSchema, input, 'edge removal', ctx, removeEdge);
  }

  async setEmbedding(input: Port.SetEmbeddingInput, ctx: Port.WriteContext): Promise<NodeEmbedding> {
    const parsed = parseInput(Schemas.SetEmbeddingSchema, input, 'embedding');
    return this.driver.write(this.actor(ctx), async (w) => {
      const node = await requireNode(w, parsed.nodeId, 'nodeId');
      const info = await ensureModel(w, parsed.model, parsed.vector.length);
      await w.putVector(node, info, parsed.vector, false);
      const summary = { nodeId: node.id, model: info.model, dimension: info.dimension };
      await w.audit({ action: 'embedding.set', entityId: node.id, before: null, after: summary });
      return summary;
    });
  }

  async getEmbedding(nodeId: string, model: string): Promise<number[] | null> {
    return this.driver.read(async (r) => ((await findModel(r, model)) ? r.vectorOf(nodeId, model) : null));
  }

  async nodeSearch(input: Port.NodeSearchInput): Promise<Port.SearchHit[]> {
    const parsed = parseInput(Schemas.NodeSearchSchema, input, 'search');
    return this.driver.read((r) => nodeSearch(r, parsed));
  }

  async nodeRelation(id: string, options: Port.NodeRelationOptions = {}): Promise<Port.NodeRelation> {
    const parsed = parseInput(Schemas.NodeRelationOptionsSchema, options, 'relation options');
    return this.driver.nodeRelation(id, parsed);
  }

  async randomNodes(input: Port.RandomNodesInput): Promise<GraphNode[]> {
    return this.driver.randomNodes(parseInput(Schemas.RandomNodesSchema, input, 'random nodes'));
  }

  async subgraph(input: Port.SubgraphInput): Promise<Port.Subgraph> {
    return this.driver.subgraph(parseInput(Schemas.SubgraphSchema, input, 'subgraph'));
  }

  findPath(input: Port.PathInput): Promise<Port.GraphPath | null> {
    return findPath(this.driver, input);
  }

  whitespace(input: Port.WhitespaceInput = {}): Promise<Port.WhiteSpace> {
    return findWhiteSpace(this.driver, input);
  }

  overview(input: Port.OverviewInput = {}): Promise<Port.GraphOverview> {
    return graphOverview(this.driver, input);
  }

  /**
   * Kept while the driver's stamp stands (any write, by anyone, moves it), so a search asking which embedding
   * model the graph uses costs one stamp read, not six counting queries. The stamp is read before the counts:
   * counts newer than their stamp are harmless (the next write moves it), older ones cannot happen.
   */
  async stats(): Promise<Port.GraphStats> {
    const stamp = await this.driver.stamp();
    if (stamp !== null && this.statsCache?.stamp === stamp) return this.statsCache.stats;
    // Frozen: every caller shares the cached object.
    const stats = deepFreeze(statsFrom(await this.driver.counts()));
    this.statsCache = stamp === null ? null : { stamp, stats };
    return stats;
  }

  async importBatch(input: Port.ImportBatchInput, ctx: Port.WriteContext): Promise<Port.ImportResult> {
    const parsed = parseInput(Schemas.ImportBatchSchema, input, 'import batch');
    const actor = this.actor(ctx);
    if (this.driver.importBatch) return this.driver.importBatch(parsed, actor);
    return this.driver.write(actor, (w) => importBatch(w, parsed));
  }

  async dump(): Promise<GraphDump> {
    return this.driver.dump();
  }

  async restore(
    dump: unknown,
    ctx: Port.WriteContext,
    options: Port.RestoreOptions = {},
    watch?: RestoreWatch,
  ): Promise<{ nodes: number; edges: number }> {
    const parsed = parseGraphDump(dump);
    const { replace } = parseInput(Schemas.RestoreOptionsSchema, options, 'restore options');
    const actor = this.actor(ctx);
    const step = restoreSteps({ totalNodes: parsed.nodes.length, totalEdges: parsed.edges.length }, watch);
    await this.driver.restore(checkDumpForRestore(parsed), actor, replace, step);
    return { nodes: parsed.nodes.length, edges: parsed.edges.length };
  }

  async auditLog(query: Port.AuditQuery = {}): Promise<AuditEntry[]> {
    return this.driver.auditLog(parseInput(Schemas.AuditQuerySchema, query, 'audit query'));
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
