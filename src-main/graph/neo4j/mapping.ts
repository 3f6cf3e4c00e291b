import neo4j from 'neo4j-driver';
import type { Integer } from 'neo4j-driver';
import type { EdgeType, GraphEdge, GraphNode, Origin, Provenance, ReviewState } from '../model.ts';

/**
 * The edge between Neo4j values and the domain model. Integers arrive as neo4j Integer and leave as JS numbers
 * here; integer parameters leave as neo4j Integer (a JS number would be sent as a float, and LIMIT refuses it).
 * Node and edge `props` are stored as a JSON string: Neo4j properties cannot hold nested maps.
 */

export type PropertyMap = Record<string, unknown>;

export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return (value as Integer).toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new TypeError(`Expected a number from Neo4j, got ${typeof value}`);
}

export const int = (value: number): Integer => neo4j.int(value);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function toNode(p: PropertyMap): GraphNode {
  return {
    id: str(p.id),
    kind: str(p.kind),
    name: str(p.name),
    normalizedName: str(p.normalizedName),
    description: str(p.description),
    aliases: Array.isArray(p.aliases) ? (p.aliases as string[]) : [],
    level: toNumber(p.level),
    ...recordFields(p),
  } as GraphNode;
}

/** The review and audit fields every node and edge carries. */
function recordFields(p: PropertyMap): Provenance & Pick<GraphEdge, 'props'> {
  return {
    props: JSON.parse(str(p.props) || '{}') as GraphEdge['props'],
    origin: str(p.origin) as Origin,
    review: str(p.review) as ReviewState,
    createdBy: str(p.createdBy),
    updatedBy: str(p.updatedBy),
    createdAt: str(p.createdAt),
    updatedAt: str(p.updatedAt),
    version: toNumber(p.version),
  };
}

export function toEdge(p: PropertyMap, type: unknown, from: unknown, to: unknown): GraphEdge {
  return {
    id: str(p.id),
    type: str(type) as EdgeType,
    from: str(from),
    to: str(to),
    ...recordFields(p),
  };
}

/** A node as stored: every domain field plus `seq`, the insertion order both stores sort ties by. */
export function nodeToProps(node: GraphNode, seq: number): PropertyMap {
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    normalizedName: node.normalizedName,
    description: node.description,
    aliases: node.aliases,
    level: int(node.level),
    props: JSON.stringify(node.props),
    origin: node.origin,
    review: node.review,
    createdBy: node.createdBy,
    updatedBy: node.updatedBy,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    version: int(node.version),
    seq: int(seq),
  };
}

/** The changeable fields of a saved node (not id, kind, seq, creation stamps). */
export function nodeUpdateProps(node: GraphNode): PropertyMap {
  const { id: _id, kind: _kind, seq: _seq, createdBy: _cb, createdAt: _ca, ...rest } = nodeToProps(node, 0);
  return rest;
}

export function edgeToProps(edge: GraphEdge, seq: number): PropertyMap {
  return {
    id: edge.id,
    props: JSON.stringify(edge.props),
    origin: edge.origin,
    review: edge.review,
    createdBy: edge.createdBy,
    updatedBy: edge.updatedBy,
    createdAt: edge.createdAt,
    updatedAt: edge.updatedAt,
    version: int(edge.version),
    seq: int(seq),
  };
}

/** Vectors are kept at float32 precision, like the embedded store, so both return the same numbers. */
export function toFloat32List(vector: Float32Array | readonly number[]): number[] {
  return Array.from(vector instanceof Float32Array ? vector : Float32Array.from(vector));
}
