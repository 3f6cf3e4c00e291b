import type { GraphDump } from '../dump-format.ts';
import type { GraphEdge, GraphNode } from '../model.ts';

/**
 * GraphML (http://graphml.graphdrawing.org) for Gephi, yEd or Cytoscape: one `<node>` per node, one `<edge>` per
 * edge, every field as a `<data>` value. Text is escaped, and characters XML 1.0 cannot carry at all (control
 * characters, lone surrogates) become U+FFFD, so any name a paper or a person wrote yields a well-formed file.
 * Lists and props are JSON text; embeddings are left out (a JSON dump carries them).
 */

interface Key<T> {
  id: string;
  name: string;
  type: 'string' | 'int';
  value: (item: T) => string | number;
}

const NODE_KEYS: Array<Key<GraphNode>> = [
  { id: 'n_kind', name: 'kind', type: 'string', value: (n) => n.kind },
  { id: 'n_name', name: 'name', type: 'string', value: (n) => n.name },
  { id: 'n_description', name: 'description', type: 'string', value: (n) => n.description },
  { id: 'n_aliases', name: 'aliases', type: 'string', value: (n) => JSON.stringify(n.aliases) },
  { id: 'n_level', name: 'level', type: 'int', value: (n) => n.level },
  { id: 'n_props', name: 'props', type: 'string', value: (n) => JSON.stringify(n.props) },
  ...provenanceKeys<GraphNode>('n'),
];

const EDGE_KEYS: Array<Key<GraphEdge>> = [
  { id: 'e_type', name: 'type', type: 'string', value: (e) => e.type },
  { id: 'e_props', name: 'props', type: 'string', value: (e) => JSON.stringify(e.props) },
  ...provenanceKeys<GraphEdge>('e'),
];

function provenanceKeys<T extends GraphNode | GraphEdge>(prefix: string): Array<Key<T>> {
  return [
    { id: `${prefix}_origin`, name: 'origin', type: 'string', value: (x) => x.origin },
    { id: `${prefix}_review`, name: 'review', type: 'string', value: (x) => x.review },
    { id: `${prefix}_createdBy`, name: 'createdBy', type: 'string', value: (x) => x.createdBy },
    { id: `${prefix}_updatedBy`, name: 'updatedBy', type: 'string', value: (x) => x.updatedBy },
    { id: `${prefix}_createdAt`, name: 'createdAt', type: 'string', value: (x) => x.createdAt },
    { id: `${prefix}_updatedAt`, name: 'updatedAt', type: 'string', value: (x) => x.updatedAt },
    { id: `${prefix}_version`, name: 'version', type: 'int', value: (x) => x.version },
  ];
}

export function toGraphml(graph: Pick<GraphDump, 'nodes' | 'edges'>): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map((k) => keyLine(k, 'node')),
    ...EDGE_KEYS.map((k) => keyLine(k, 'edge')),
    '  <graph id="motivgraph" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    lines.push(`    <node id="${xmlText(node.id)}">${dataOf(node, NODE_KEYS)}</node>`);
  }
  for (const edge of graph.edges) {
    const ends = `source="${xmlText(edge.from)}" target="${xmlText(edge.to)}"`;
    lines.push(`    <edge id="${xmlText(edge.id)}" ${ends}>${dataOf(edge, EDGE_KEYS)}</edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function keyLine<T>(key: Key<T>, target: 'node' | 'edge'): string {
  return `  <key id="${key.id}" for="${target}" attr.name="${key.name}" attr.type="${key.type}"/>`;
}

function dataOf<T>(item: T, keys: Array<Key<T>>): string {
  return keys.map((k) => `<data key="${k.id}">${xmlText(String(k.value(item)))}</data>`).join('');
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; anything else cannot be
// written even as a character reference.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escaped for both element text and double- or single-quoted attribute values. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}
