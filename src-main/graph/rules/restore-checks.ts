import { AppError } from '../../shared/errors.ts';
import type { AuditDraft, EmbeddingModel } from '../driver.ts';
import type { GraphDump } from '../dump-format.ts';
import { normalizeName } from '../normalize-name.ts';
import { checkEdge } from '../write-checks.ts';
import { checkDimension, checkNewDimension } from './embedding-rules.ts';

const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION', `Malformed graph dump at ${path}: ${message}`, { path, field: path });

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** What a restore writes: the dump's nodes with their normalised names, and the models its vectors fix. */
export interface CheckedDump extends GraphDump {
  models: EmbeddingModel[];
}

/**
 * The checks a parsed dump passes before any store writes it: unique ids and names per kind, edges between nodes
 * of the dump with allowed kinds and no duplicates, one vector per (node, model) and one dimension per model.
 */
export function checkDumpForRestore(dump: GraphDump): CheckedDump {
  const kindById = new Map<string, GraphDump['nodes'][number]['kind']>();
  const names = new Set<string>();
  const nodes = dump.nodes.map((node, index) => {
    if (kindById.has(node.id)) throw invalid(`nodes.${index}.id`, 'duplicate id');
    const normalizedName = normalizeName(node.name);
    const key = `${node.kind}\u0000${normalizedName}`;
    if (normalizedName === '' || names.has(key))
      throw invalid(`nodes.${index}.name`, 'duplicate or empty name');
    names.add(key);
    kindById.set(node.id, node.kind);
    return { ...node, normalizedName };
  });
  const edgeKeys = new Set<string>();
  dump.edges.forEach((edge, index) => {
    const from = kindById.get(edge.from);
    const to = kindById.get(edge.to);
    if (!from) throw invalid(`edges.${index}.from`, 'no node with this id in the dump');
    if (!to) throw invalid(`edges.${index}.to`, 'no node with this id in the dump');
    const key = `${edge.from}/${edge.type}/${edge.to}`;
    if (edgeKeys.has(key)) throw invalid(`edges.${index}`, 'duplicate edge');
    edgeKeys.add(key);
    try {
      checkEdge(edge.type, { id: edge.from, kind: from }, { id: edge.to, kind: to });
    } catch (err) {
      throw invalid(`edges.${index}.type`, messageOf(err));
    }
  });
  const models = new Map<string, EmbeddingModel>();
  const vectorKeys = new Set<string>();
  dump.embeddings.forEach((embedding, index) => {
    if (!kindById.has(embedding.nodeId))
      throw invalid(`embeddings.${index}.nodeId`, 'no node with this id in the dump');
    const key = `${embedding.nodeId}\u0000${embedding.model}`;
    if (vectorKeys.has(key)) throw invalid(`embeddings.${index}`, 'duplicate embedding');
    vectorKeys.add(key);
    const dimension = embedding.vector.length;
    try {
      const known = models.get(embedding.model);
      if (known) checkDimension(known, dimension);
      else checkNewDimension(dimension);
    } catch (err) {
      throw invalid(`embeddings.${index}.vector`, messageOf(err));
    }
    if (!models.has(embedding.model)) models.set(embedding.model, { model: embedding.model, dimension });
  });
  return { ...dump, nodes, models: [...models.values()] };
}

/** A restore into a graph that holds anything must say so (replace). */
export function refuseNonEmpty(empty: boolean, replace: boolean): void {
  if (!empty && !replace) {
    throw new AppError('CONFLICT', 'The graph is not empty; restore with replace to overwrite it', {
      field: 'replace',
    });
  }
}

/** The audit entry of a restore. */
export function restoreAudit(dump: GraphDump): AuditDraft {
  const after = {
    nodes: dump.nodes.length,
    edges: dump.edges.length,
    embeddings: dump.embeddings.length,
    exportedAt: dump.exportedAt,
  };
  return { action: 'graph.restore', entityId: 'graph', before: null, after };
}
