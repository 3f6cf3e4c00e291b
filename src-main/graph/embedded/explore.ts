import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../model.ts';
import type { GraphNode } from '../model.ts';
import type { Subgraph } from '../port.ts';
import type { RandomNodesSchema, SubgraphSchema } from '../schemas.ts';
import { randomSeed, seededSample } from '../seeded-random.ts';
import { sql } from './open-database.ts';
import type { StampedCache } from './stamped-cache.ts';
import { edgesAmong } from './relations.ts';
import { NODE_COLUMNS, nodeRowById, nodesBySeq, rowToEdge, rowToNode } from './rows.ts';
import type { NodeRow } from './rows.ts';

/**
 * Random nodes the same way in every store: candidates ordered by id (ASCII UUIDv7s, so byte and code-point order
 * agree), indices drawn by `seededSample`.
 */
export function randomNodes(
  db: Database,
  input: z.output<typeof RandomNodesSchema>,
  cache: StampedCache<string[]>,
  stamp: string,
): GraphNode[] {
  const reviewFilter = input.review ? 'AND review IN (SELECT value FROM json_each(@p2))' : '';
  const params = input.review
    ? { p1: JSON.stringify(input.kinds), p2: JSON.stringify(input.review) }
    : { p1: JSON.stringify(input.kinds) };
  const ids = cache.get(
    stamp,
    JSON.stringify(params),
    () =>
      sql(
        db,
        `SELECT id FROM nodes WHERE kind IN (SELECT value FROM json_each(@p1)) ${reviewFilter} ORDER BY id`,
      )
        .pluck()
        .all(params) as string[],
  );
  const picks = seededSample(ids.length, input.count, input.seed ?? randomSeed()).map(
    (i) => ids[i] as string,
  );
  const rows = sql(
    db,
    `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(picks)) as NodeRow[];
  const byId = new Map(rows.map((row) => [row.id, rowToNode(row)]));
  return picks.flatMap((id) => {
    const node = byId.get(id);
    return node ? [node] : [];
  });
}

/** Breadth-first in both directions from `ids`, stopping at `depth` hops or the node cap. */
export function subgraph(db: Database, input: z.output<typeof SubgraphSchema>): Subgraph {
  const seen = new Set<number>();
  input.ids.forEach((id, index) => {
    const row = nodeRowById(db, id);
    if (!row)
      throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(id)}`, {
        field: `ids.${index}`,
      });
    seen.add(row.seq);
  });
  const typeFilter = input.edgeTypes ? 'AND type IN (SELECT value FROM json_each(@p2))' : '';
  const step = sql(
    db,
    `SELECT to_seq AS seq FROM edges WHERE from_seq IN (SELECT value FROM json_each(@p1)) ${typeFilter}
     UNION SELECT from_seq FROM edges WHERE to_seq IN (SELECT value FROM json_each(@p1)) ${typeFilter}`,
  ).pluck();
  let frontier = [...seen];
  let truncated = false;
  for (let hop = 0; hop < input.depth && frontier.length > 0 && !truncated; hop++) {
    const args = input.edgeTypes
      ? { p1: JSON.stringify(frontier), p2: JSON.stringify(input.edgeTypes) }
      : { p1: JSON.stringify(frontier) };
    const next: number[] = [];
    for (const seq of step.all(args) as number[]) {
      if (seen.has(seq)) continue;
      if (seen.size >= LIMITS.subgraphNodeCap) {
        truncated = true;
        break;
      }
      seen.add(seq);
      next.push(seq);
    }
    frontier = next;
  }
  const seqs = [...seen];
  const nodes = nodesBySeq(db, seqs);
  return {
    nodes: seqs.flatMap((seq) => nodes.get(seq) ?? []),
    edges: edgesAmong(db, seqs, input.edgeTypes).map(rowToEdge),
    truncated,
  };
}
