import { PATH_HOPS_MAX } from '../explore-schemas.ts';
import { ANY_EDGE } from './vocabulary.ts';

/**
 * The explorer's Cypher (path, white space, overview), linted with the rest (cypher-lint.test.ts). Values are
 * parameters; a variable-length bound cannot be one, so there is one constant text per allowed hop count.
 */

const PATH_EDGE = '{r: properties(r), type: type(r), from: startNode(r).id, to: endNode(r).id}';
export const SHORTEST_PATH: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: PATH_HOPS_MAX }, (_, i) => [
    String(i + 1),
    `MATCH (a:GraphNode {id: $from})
MATCH (b:GraphNode {id: $to})
MATCH p = shortestPath((a)-[:${ANY_EDGE}*..${i + 1}]-(b))
RETURN [x IN nodes(p) | properties(x)] AS nodes, [r IN relationships(p) | ${PATH_EDGE}] AS edges`,
  ]),
);

const LIVE = (name: string): string => `${name}.review <> 'rejected'`;

export const WHITESPACE_CHALLENGES = `MATCH (c:Challenge)
WHERE ${LIVE('c')}
WITH c,
  COUNT { (c)-[:SOLVED_BY]->(m:GraphNode) WHERE ${LIVE('m')} } AS solutions,
  COUNT { (m:GraphNode)-[:HAS_CHALLENGE]->(c) WHERE ${LIVE('m')} } AS problems,
  COUNT { (m:GraphNode)-[:CITES]->(c) WHERE ${LIVE('m')} } AS ideas,
  COUNT { (c)-[:EXTRACTED_FROM]->(m:GraphNode) WHERE ${LIVE('m')} } AS papers
RETURN properties(c) AS n, solutions, problems, ideas, papers
ORDER BY solutions, problems + ideas + papers DESC, c.id
LIMIT $limit`;

export const WHITESPACE_UNSOLVED = `MATCH (p:Problem)-[:HAS_CHALLENGE]->(c:GraphNode)
WHERE ${LIVE('p')} AND ${LIVE('c')}
WITH p, count(c) AS challenges,
  sum(CASE WHEN EXISTS { (c)-[:SOLVED_BY]->(s:GraphNode) WHERE ${LIVE('s')} } THEN 1 ELSE 0 END) AS solved
WHERE solved = 0
RETURN properties(p) AS n, challenges
ORDER BY challenges DESC, p.id
LIMIT $limit`;

export const WHITESPACE_TRANSFER = `MATCH (p:Problem)-[:HAS_CHALLENGE]->(c:GraphNode)-[:SOLVED_BY]->(s:Solution)
WHERE ${LIVE('p')} AND ${LIVE('c')} AND ${LIVE('s')}
WITH s, collect(DISTINCT p) AS areas, count(DISTINCT c) AS challenges
WHERE size(areas) = 1
RETURN properties(s) AS n, properties(areas[0]) AS area, challenges
ORDER BY challenges DESC, s.id
LIMIT $limit`;

export const OVERVIEW_TOP = `MATCH (n:GraphNode)
WITH n, COUNT { (n)-[:${ANY_EDGE}]-(:GraphNode) } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n.id AS id, degree`;

export const OVERVIEW_TOTALS = `CALL () { MATCH (n:GraphNode) RETURN count(n) AS nodes }
CALL () { MATCH (:GraphNode)-[r:${ANY_EDGE}]->(:GraphNode) RETURN count(r) AS edges }
RETURN nodes, edges`;
