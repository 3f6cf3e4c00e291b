import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
import type { EdgeType, GraphEdge, GraphNode, Origin, Provenance, ReviewState } from '../model.ts';
import { sql } from './open-database.ts';

/** Row shapes of the embedded schema and their mapping to the domain model. */

/** The review and audit columns every node and edge row carries. */
interface RecordColumns {
  props: string;
  origin: string;
  review: string;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NodeRow extends RecordColumns {
  seq: number;
  id: string;
  kind: string;
  name: string;
  normalized_name: string;
  description: string;
  aliases: string;
  level: number;
}

export interface EdgeRow extends RecordColumns {
  seq: number;
  id: string;
  type: string;
  from_seq: number;
  to_seq: number;
  from_id: string;
  to_id: string;
}

export const NODE_COLUMNS =
  'n.seq, n.id, n.kind, n.name, n.normalized_name, n.description, n.aliases, n.level, n.props, n.origin, n.review, n.created_by, n.updated_by, n.created_at, n.updated_at, n.version';

export const EDGE_SELECT = `SELECT e.seq, e.id, e.type, e.from_seq, e.to_seq, f.id AS from_id, t.id AS to_id, e.props,
  e.origin, e.review, e.created_by, e.updated_by, e.created_at, e.updated_at, e.version
  FROM edges e JOIN nodes f ON f.seq = e.from_seq JOIN nodes t ON t.seq = e.to_seq`;

export function rowToNode(row: NodeRow): GraphNode {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    normalizedName: row.normalized_name,
    description: row.description,
    aliases: JSON.parse(row.aliases) as string[],
    level: row.level,
    ...recordFields(row),
  } as GraphNode;
}

/** The review and audit fields every node and edge carries, from their shared columns. */
function recordFields(row: RecordColumns): Provenance & Pick<GraphEdge, 'props'> {
  return {
    props: JSON.parse(row.props) as GraphEdge['props'],
    origin: row.origin as Origin,
    review: row.review as ReviewState,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function rowToEdge(row: EdgeRow): GraphEdge {
  return {
    id: row.id,
    type: row.type as EdgeType,
    from: row.from_id,
    to: row.to_id,
    ...recordFields(row),
  };
}

export function nodeRowById(db: Database, id: string): NodeRow | undefined {
  return sql(db, `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ?`).get(id) as NodeRow | undefined;
}

export function nodeRowBySeq(db: Database, seq: number): NodeRow | undefined {
  return sql(db, `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.seq = ?`).get(seq) as NodeRow | undefined;
}

export function nodeRowByName(db: Database, kind: string, normalizedName: string): NodeRow | undefined {
  return sql(db, `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.kind = ? AND n.normalized_name = ?`).get(
    kind,
    normalizedName,
  ) as NodeRow | undefined;
}

export function requireNodeRow(db: Database, id: string, field = 'id'): NodeRow {
  const row = nodeRowById(db, id);
  if (!row) throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(id)}`, { field, id });
  return row;
}

/** Nodes for many seqs at once (one query), keyed by seq. */
export function nodesBySeq(db: Database, seqs: readonly number[]): Map<number, GraphNode> {
  const out = new Map<number, GraphNode>();
  if (seqs.length === 0) return out;
  const rows = sql(
    db,
    `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.seq IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify([...new Set(seqs)])) as NodeRow[];
  for (const row of rows) out.set(row.seq, rowToNode(row));
  return out;
}

export function edgeRowById(db: Database, id: string): EdgeRow | undefined {
  return sql(db, `${EDGE_SELECT} WHERE e.id = ?`).get(id) as EdgeRow | undefined;
}
