import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { EDGE_TYPES } from '../model.ts';
import type { EdgeType, GraphNode } from '../model.ts';
import type { HierarchyEntry, MotivationChain, NodeRelation, RelatedNode } from '../port.ts';
import type { NodeRelationOptionsSchema } from '../schemas.ts';
import { sql } from './open-database.ts';
import { EDGE_SELECT, nodesBySeq, requireNodeRow, rowToEdge, rowToNode } from './rows.ts';
import type { EdgeRow } from './rows.ts';

type RelationOptions = z.output<typeof NodeRelationOptionsSchema>;

/** A node in context: its neighbours by edge type, the PARENT_OF hierarchy both ways and its P→C→S chains. */
export function nodeRelation(db: Database, id: string, options: RelationOptions): NodeRelation {
  const row = requireNodeRow(db, id);
  const node = rowToNode(row);
  return {
    node,
    description: node.description,
    neighbours: neighbours(db, row.seq, options.neighbourLimit),
    ancestors: hierarchy(db, row.seq, 'up', options.hierarchyDepth),
    descendants: hierarchy(db, row.seq, 'down', options.hierarchyDepth),
    chains: chains(db, node, row.seq, options.chainLimit),
  };
}

function neighbours(db: Database, seq: number, limit: number): NodeRelation['neighbours'] {
  type Lists = { outgoing: RelatedNode[]; incoming: RelatedNode[] };
  const out = Object.fromEntries(
    EDGE_TYPES.map((t): [EdgeType, Lists] => [t, { outgoing: [], incoming: [] }]),
  ) as Record<EdgeType, Lists>;
  // Per type and direction at most `limit` edges, chosen in SQL so a hub (a much-cited paper) stays cheap.
  const edges = sql(
    db,
    `SELECT * FROM (
       SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.type, x.dir ORDER BY x.seq) AS n FROM (
         SELECT e.*, 'out' AS dir FROM edges e WHERE e.from_seq = @p1
         UNION ALL SELECT e.*, 'in' AS dir FROM edges e WHERE e.to_seq = @p1
       ) x
     ) WHERE n <= @p2`,
  ).all({ p1: seq, p2: limit }) as Array<Omit<EdgeRow, 'from_id' | 'to_id'> & { dir: 'out' | 'in' }>;
  const nodes = nodesBySeq(db, [seq, ...edges.flatMap((e) => [e.from_seq, e.to_seq])]);
  for (const e of edges) {
    const from = nodes.get(e.from_seq);
    const to = nodes.get(e.to_seq);
    if (!from || !to) continue;
    const edge = rowToEdge({ ...e, from_id: from.id, to_id: to.id });
    const list = out[edge.type][e.dir === 'out' ? 'outgoing' : 'incoming'];
    list.push({ node: e.dir === 'out' ? to : from, edge });
  }
  for (const lists of Object.values(out)) {
    lists.outgoing.sort(byNeighbourName);
    lists.incoming.sort(byNeighbourName);
  }
  return out;
}

const byNeighbourName = (a: RelatedNode, b: RelatedNode): number =>
  a.node.name.localeCompare(b.node.name) || (a.node.id < b.node.id ? -1 : 1);

const HIERARCHY_CAP = 500;

function hierarchy(db: Database, seq: number, direction: 'up' | 'down', maxDepth: number): HierarchyEntry[] {
  const [near, far] = direction === 'up' ? ['from_seq', 'to_seq'] : ['to_seq', 'from_seq'];
  const rows = sql(
    db,
    `WITH RECURSIVE walk(seq, depth) AS (
       SELECT ${near}, 1 FROM edges WHERE ${far} = @p1 AND type = 'PARENT_OF'
       UNION
       SELECT e.${near}, walk.depth + 1 FROM edges e JOIN walk ON e.${far} = walk.seq
       WHERE e.type = 'PARENT_OF' AND walk.depth < @p2
     )
     SELECT seq, MIN(depth) AS depth FROM walk WHERE seq <> @p1 GROUP BY seq ORDER BY depth, seq LIMIT @p3`,
  ).all({ p1: seq, p2: maxDepth, p3: HIERARCHY_CAP }) as Array<{ seq: number; depth: number }>;
  const nodes = nodesBySeq(
    db,
    rows.map((r) => r.seq),
  );
  return rows.flatMap((r) => {
    const node = nodes.get(r.seq);
    return node ? [{ node, depth: r.depth }] : [];
  });
}

/** (problem, challenge, solution?) seq triples through the node, per its kind. */
const CHAIN_SQL: Partial<Record<GraphNode['kind'], string>> = {
  Problem: `SELECT hc.from_seq AS p, hc.to_seq AS c, sb.to_seq AS s FROM edges hc
    LEFT JOIN edges sb ON sb.from_seq = hc.to_seq AND sb.type = 'SOLVED_BY'
    WHERE hc.from_seq = @p1 AND hc.type = 'HAS_CHALLENGE' ORDER BY hc.seq, sb.seq LIMIT @p2`,
  Challenge: `SELECT hc.from_seq AS p, hc.to_seq AS c, sb.to_seq AS s FROM edges hc
    LEFT JOIN edges sb ON sb.from_seq = hc.to_seq AND sb.type = 'SOLVED_BY'
    WHERE hc.to_seq = @p1 AND hc.type = 'HAS_CHALLENGE' ORDER BY hc.seq, sb.seq LIMIT @p2`,
  Solution: `SELECT hc.from_seq AS p, hc.to_seq AS c, sb.to_seq AS s FROM edges sb
    JOIN edges hc ON hc.to_seq = sb.from_seq AND hc.type = 'HAS_CHALLENGE'
    WHERE sb.to_seq = @p1 AND sb.type = 'SOLVED_BY' ORDER BY sb.seq, hc.seq LIMIT @p2`,
};

function chains(db: Database, node: GraphNode, seq: number, limit: number): MotivationChain[] {
  const query = CHAIN_SQL[node.kind];
  if (!query) return [];
  const rows = sql(db, query).all({ p1: seq, p2: limit }) as Array<{
    p: number;
    c: number;
    s: number | null;
  }>;
  const nodes = nodesBySeq(
    db,
    rows.flatMap((r) => (r.s === null ? [r.p, r.c] : [r.p, r.c, r.s])),
  );
  return rows.flatMap((r) => {
    const problem = nodes.get(r.p);
    const challenge = nodes.get(r.c);
    if (!problem || !challenge) return [];
    const solution = r.s === null ? undefined : nodes.get(r.s);
    return [solution ? { problem, challenge, solution } : { problem, challenge }];
  });
}

export function edgesAmong(db: Database, seqs: readonly number[], types?: readonly EdgeType[]): EdgeRow[] {
  const set = JSON.stringify(seqs);
  return sql(
    db,
    `${EDGE_SELECT} WHERE e.from_seq IN (SELECT value FROM json_each(@p1)) AND e.to_seq IN (SELECT value FROM json_each(@p1))
     ${types ? 'AND e.type IN (SELECT value FROM json_each(@p2))' : ''} ORDER BY e.seq`,
  ).all(types ? { p1: set, p2: JSON.stringify(types) } : { p1: set }) as EdgeRow[];
}
