import type { GraphDump } from '../dump-format.ts';
import type { GraphEdge, GraphNode } from '../model.ts';

/**
 * Two RFC 4180 tables (nodes, edges) for spreadsheets: CRLF line ends, every field quoted when it holds a comma,
 * quote or line break, quotes doubled. A cell that a spreadsheet would run as a formula (starting with = + - @,
 * or a tab / carriage return before one) is prefixed with an apostrophe: names come from papers and LLMs, and
 * opening the file must not execute them (OWASP "CSV injection").
 */

const NODE_COLUMNS: Array<[string, (n: GraphNode) => string | number]> = [
  ['id', (n) => n.id],
  ['kind', (n) => n.kind],
  ['name', (n) => n.name],
  ['description', (n) => n.description],
  ['aliases', (n) => n.aliases.join('; ')],
  ['level', (n) => n.level],
  ['origin', (n) => n.origin],
  ['review', (n) => n.review],
  ['createdBy', (n) => n.createdBy],
  ['createdAt', (n) => n.createdAt],
  ['updatedBy', (n) => n.updatedBy],
  ['updatedAt', (n) => n.updatedAt],
  ['version', (n) => n.version],
  ['props', (n) => JSON.stringify(n.props)],
];

const EDGE_COLUMNS: Array<[string, (e: GraphEdge) => string | number]> = [
  ['id', (e) => e.id],
  ['type', (e) => e.type],
  ['from', (e) => e.from],
  ['to', (e) => e.to],
  ['origin', (e) => e.origin],
  ['review', (e) => e.review],
  ['createdBy', (e) => e.createdBy],
  ['createdAt', (e) => e.createdAt],
  ['version', (e) => e.version],
  ['props', (e) => JSON.stringify(e.props)],
];

export interface GraphCsv {
  nodes: string;
  edges: string;
}

export function toCsv(graph: Pick<GraphDump, 'nodes' | 'edges'>): GraphCsv {
  return { nodes: table(graph.nodes, NODE_COLUMNS), edges: table(graph.edges, EDGE_COLUMNS) };
}

function table<T>(rows: T[], columns: Array<[string, (row: T) => string | number]>): string {
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
