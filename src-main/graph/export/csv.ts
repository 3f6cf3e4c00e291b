import type { GraphDump } from '../dump-format.ts';
import type { GraphEdge, GraphNode } from '../model.ts';

/**
 * Two RFC 4180 tables (nodes, edges) for spreadsheets: CRLF line ends, every field quoted when it holds a comma,
 * quote or line break, quotes doubled. A cell that a spreadsheet would run as a formula (starting with = + - @,
 * or a tab / carriage return before one) is prefixed with an apostrophe: names come from papers and LLMs, and
 * opening the file must not execute them (OWASP "CSV injection").
 */

type Column<T> = [string, (row: T) => string | number];

// Nodes and edges carry the same provenance; one list each keeps the two tables' columns from drifting apart.
const provenanceColumns = <T extends GraphNode | GraphEdge>(): Array<Column<T>> => [
  ['origin', (r) => r.origin],
  ['review', (r) => r.review],
  ['createdBy', (r) => r.createdBy],
  ['createdAt', (r) => r.createdAt],
];
const versionColumns = <T extends GraphNode | GraphEdge>(): Array<Column<T>> => [
  ['version', (r) => r.version],
  ['props', (r) => JSON.stringify(r.props)],
];

const NODE_COLUMNS: Array<Column<GraphNode>> = [
  ['id', (n) => n.id],
  ['kind', (n) => n.kind],
  ['name', (n) => n.name],
  ['description', (n) => n.description],
  ['aliases', (n) => n.aliases.join('; ')],
  ['level', (n) => n.level],
  ...provenanceColumns<GraphNode>(),
  ['updatedBy', (n) => n.updatedBy],
  ['updatedAt', (n) => n.updatedAt],
  ...versionColumns<GraphNode>(),
];

const EDGE_COLUMNS: Array<Column<GraphEdge>> = [
  ['id', (e) => e.id],
  ['type', (e) => e.type],
  ['from', (e) => e.from],
  ['to', (e) => e.to],
  ...provenanceColumns<GraphEdge>(),
  ...versionColumns<GraphEdge>(),
];

export interface GraphCsv {
  nodes: string;
  edges: string;
}

export function toCsv(graph: Pick<GraphDump, 'nodes' | 'edges'>): GraphCsv {
  return { nodes: table(graph.nodes, NODE_COLUMNS), edges: table(graph.edges, EDGE_COLUMNS) };
}

function table<T>(rows: T[], columns: Array<Column<T>>): string {
  const lines = [columns.map(([name]) => csvField(name))];
  for (const row of rows) lines.push(columns.map(([, value]) => csvField(value(row))));
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

const FORMULA_START = /^[\t\r]*[=+\-@]/;

/** One field: numbers as they are; text guarded against formulas, then quoted when RFC 4180 needs it. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
