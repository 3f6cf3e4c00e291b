import type { z } from 'zod';
import { newId } from './ids.ts';
import type { EdgeProps, EdgeType, GraphEdge, GraphNode, Origin, ReviewState } from './model.ts';
import type { NodeInputSchema } from './schemas.ts';
import { normalizedNameOf } from './write-checks.ts';

/**
 * The first version of a node or edge, built the same way by both stores (and their batch imports), so ids are
 * UUIDv7 everywhere: "oldest first" by id holds on Neo4j as on SQLite.
 */

export interface RecordMeta {
  actor: string;
  at: string;
}

export interface NewEdge {
  type: EdgeType;
  origin: Origin;
  review: ReviewState;
  props: EdgeProps;
}

type ParsedNodeInput = z.output<typeof NodeInputSchema>;

export function newNodeRecord(input: ParsedNodeInput, meta: RecordMeta): GraphNode {
  return {
    ...input,
    id: newId(),
    normalizedName: normalizedNameOf(input.name, 'name'),
    aliases: input.aliases.filter((alias) => alias !== input.name),
    createdBy: meta.actor,
    updatedBy: meta.actor,
    createdAt: meta.at,
    updatedAt: meta.at,
    version: 1,
  } as GraphNode;
}

export function newEdgeRecord(edge: NewEdge, fromId: string, toId: string, meta: RecordMeta): GraphEdge {
  return {
    id: newId(),
    type: edge.type,
    from: fromId,
    to: toId,
    props: edge.props,
    origin: edge.origin,
    review: edge.review,
    createdBy: meta.actor,
    updatedBy: meta.actor,
    createdAt: meta.at,
    updatedAt: meta.at,
    version: 1,
  };
}
