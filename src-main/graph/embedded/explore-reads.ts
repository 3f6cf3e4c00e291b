import type { Database } from 'better-sqlite3';
import type { GraphOverview, GraphPath, WhiteSpace } from '../explore-views.ts';
import type { OverviewQuery, WhitespaceQuery } from '../explore-schemas.ts';
import { sql } from './open-database.ts';
import { edgesAmong } from './relations.ts';
import { EDGE_SELECT, nodesBySeq, rowToEdge } from './rows.ts';
import type { EdgeRow } from './rows.ts';

/** The explorer's reads on SQLite: a bounded breadth-first path, the white-space map, the overview. */

/** Visited nodes at which a path search gives up (a hub-rich graph reaches everything in a few hops). */
const PATH_VISIT_CAP = 200_000;

/**
 * Shortest path from `fromSeq` to `toSeq` along edges of either direction, at most `maxHops` long: breadth-first,
 * one SQL step per hop over the whole frontier, neighbours in edge order. Null when none is that short.
 */
export function shortestPath(
  db: Database,
  fromSeq: number,
  toSeq: number,
  maxHops: number,
): GraphPath | null {
  const step = sql(
    db,
    `SELECT seq AS edge, from_seq AS at, to_seq AS next FROM edges WHERE from_seq IN (SELECT value FROM json_each(@f))
     UNION ALL SELECT seq, to_seq, from_seq FROM edges WHERE to_seq IN (SELECT value FROM json_each(@f))
     ORDER BY edge`,
  );
  const cameFrom = new Map<number, { at: number; edge: number }>();
  const seen = new Set([fromSeq]);
  let frontier = [fromSeq];
  for (let hop = 0; hop < maxHops && frontier.length > 0 && !seen.has(toSeq); hop++) {
    const next: number[] = [];
    for (const row of step.all({ f: JSON.stringify(frontier) }) as Array<{
      edge: number;
      at: number;
      next: number;
    }>) {
      if (seen.has(row.next)) continue;
      seen.add(row.next);
      cameFrom.set(row.next, { at: row.at, edge: row.edge });
      next.push(row.next);
    }
    if (seen.size > PATH_VISIT_CAP) break;
    frontier = next;
  }
  if (!seen.has(toSeq)) return null;
  const nodeSeqs = [toSeq];
  const edgeSeqs: number[] = [];
  for (let at = toSeq; at !== fromSeq;) {
    const link = cameFrom.get(at);
    if (!link) return null;
    edgeSeqs.unshift(link.edge);
    nodeSeqs.unshift(link.at);
    at = link.at;
  }
  const nodes = nodesBySeq(db, nodeSeqs);
  const edges = new Map(
    (
      sql(db, `${EDGE_SELECT} WHERE e.seq IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(edgeSeqs),
      ) as EdgeRow[]
    ).map((row) => [row.seq, rowToEdge(row)]),
  );
  return {
    nodes: nodeSeqs.flatMap((seq) => nodes.get(seq) ?? []),
    edges: edgeSeqs.flatMap((seq) => edges.get(seq) ?? []),
  };
}

const LIVE = "review <> 'rejected'";

export function whiteSpace(db: Database, query: WhitespaceQuery): WhiteSpace {
  const counted = (direction: 'out' | 'in', type: string, alias: string): string => {
    const [mine, other] = direction === 'out' ? ['from_seq', 'to_seq'] : ['to_seq', 'from_seq'];
    return `(SELECT count(*) FROM edges e JOIN nodes m ON m.seq = e.${other} AND m.${LIVE}
      WHERE e.${mine} = c.seq AND e.type = '${type}') AS ${alias}`;
  };
  const challengeRows = sql(
    db,
    `SELECT * FROM (SELECT c.seq, c.id, ${counted('out', 'SOLVED_BY', 'solutions')},
       ${counted('in', 'HAS_CHALLENGE', 'problems')}, ${counted('in', 'CITES', 'ideas')},
       ${counted('out', 'EXTRACTED_FROM', 'papers')}
     FROM nodes c WHERE c.kind = 'Challenge' AND c.${LIVE})
     ORDER BY solutions, problems + ideas + papers DESC, id LIMIT ?`,
  ).all(query.limit) as Array<{
    seq: number;
    solutions: number;
    problems: number;
    ideas: number;
    papers: number;
  }>;

  const unsolvedRows = sql(
    db,
    `SELECT p.seq, count(*) AS challenges FROM nodes p
     JOIN edges hc ON hc.from_seq = p.seq AND hc.type = 'HAS_CHALLENGE'
     JOIN nodes c ON c.seq = hc.to_seq AND c.${LIVE}
     WHERE p.kind = 'Problem' AND p.${LIVE}
     GROUP BY p.seq
     HAVING sum(EXISTS (SELECT 1 FROM edges sb JOIN nodes s ON s.seq = sb.to_seq AND s.${LIVE}
                        WHERE sb.from_seq = c.seq AND sb.type = 'SOLVED_BY')) = 0
     ORDER BY challenges DESC, p.id LIMIT ?`,
  ).all(query.limit) as Array<{ seq: number; challenges: number }>;

  const transferRows = sql(
    db,
    `SELECT s.seq, min(p.seq) AS area, count(DISTINCT c.seq) AS challenges FROM nodes s
     JOIN edges sb ON sb.to_seq = s.seq AND sb.type = 'SOLVED_BY'
     JOIN nodes c ON c.seq = sb.from_seq AND c.${LIVE}
     JOIN edges hc ON hc.to_seq = c.seq AND hc.type = 'HAS_CHALLENGE'
     JOIN nodes p ON p.seq = hc.from_seq AND p.${LIVE}
     WHERE s.kind = 'Solution' AND s.${LIVE}
     GROUP BY s.seq HAVING count(DISTINCT p.seq) = 1
     ORDER BY challenges DESC, s.id LIMIT ?`,
  ).all(query.limit) as Array<{ seq: number; area: number; challenges: number }>;

  const nodes = nodesBySeq(db, [
    ...challengeRows.map((r) => r.seq),
    ...unsolvedRows.map((r) => r.seq),
    ...transferRows.flatMap((r) => [r.seq, r.area]),
  ]);
  return {
    challenges: challengeRows.flatMap((r) => {
      const challenge = nodes.get(r.seq);
      if (!challenge) return [];
      const { solutions, problems, ideas, papers } = r;
      return [{ challenge, solutions, problems, ideas, papers, attention: problems + ideas + papers }];
    }),
    unsolvedProblems: unsolvedRows.flatMap((r) => {
      const problem = nodes.get(r.seq);
      return problem ? [{ problem, challenges: r.challenges }] : [];
    }),
    transferCandidates: transferRows.flatMap((r) => {
      const solution = nodes.get(r.seq);
      const area = nodes.get(r.area);
      return solution && area ? [{ solution, area, challenges: r.challenges }] : [];
    }),
  };
}

/** The `limit` nodes of highest degree (ties by id) and the edges among them. */
export function overview(db: Database, query: OverviewQuery): GraphOverview {
  const top = sql(
    db,
    `SELECT seq, degree FROM (SELECT n.seq, n.id,
       (SELECT count(*) FROM edges WHERE from_seq = n.seq) + (SELECT count(*) FROM edges WHERE to_seq = n.seq) AS degree
     FROM nodes n) ORDER BY degree DESC, id LIMIT ?`,
  ).all(query.limit) as Array<{ seq: number; degree: number }>;
  const seqs = top.map((r) => r.seq);
  const nodes = nodesBySeq(db, seqs);
  const totals = sql(
    db,
    'SELECT (SELECT count(*) FROM nodes) AS nodes, (SELECT count(*) FROM edges) AS edges',
  ).get() as { nodes: number; edges: number };
  return {
    nodes: top.flatMap((r) => {
      const node = nodes.get(r.seq);
      return node ? [{ node, degree: r.degree }] : [];
    }),
    edges: edgesAmong(db, seqs).map(rowToEdge),
    totalNodes: totals.nodes,
    totalEdges: totals.edges,
  };
}
