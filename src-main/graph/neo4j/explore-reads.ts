import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphOverview, GraphPath, WhiteSpace } from '../explore-views.ts';
import type { OverviewQuery, WhitespaceQuery } from '../explore-schemas.ts';
import { int, toEdge, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { EDGES_AMONG } from './queries.ts';
import {
  OVERVIEW_TOP,
  OVERVIEW_TOTALS,
  SHORTEST_PATH,
  WHITESPACE_CHALLENGES,
  WHITESPACE_TRANSFER,
  WHITESPACE_UNSOLVED,
} from './explore-queries.ts';
import { nodesById, rowToEdge } from './reads.ts';
import { firstRow, rows } from './tx.ts';

/** The explorer's reads on Neo4j: shortestPath, the white-space map, the overview. */

export async function shortestPath(
  tx: ManagedTransaction,
  from: string,
  to: string,
  maxHops: number,
): Promise<GraphPath | null> {
  const query = SHORTEST_PATH[String(maxHops)];
  if (!query) return null;
  const row = await firstRow(tx, query, { from, to });
  if (!row || !Array.isArray(row.nodes) || !Array.isArray(row.edges)) return null;
  const edges = row.edges as Array<{ r: PropertyMap; type: unknown; from: unknown; to: unknown }>;
  return {
    nodes: (row.nodes as PropertyMap[]).map(toNode),
    edges: edges.map((e) => toEdge(e.r, e.type, e.from, e.to)),
  };
}

export async function whiteSpace(tx: ManagedTransaction, query: WhitespaceQuery): Promise<WhiteSpace> {
  const limit = int(query.limit);
  const challenges = await rows(tx, WHITESPACE_CHALLENGES, { limit });
  const unsolved = await rows(tx, WHITESPACE_UNSOLVED, { limit });
  const transfer = await rows(tx, WHITESPACE_TRANSFER, { limit });
  return {
    challenges: challenges.map((r) => {
      const problems = toNumber(r.problems);
      const ideas = toNumber(r.ideas);
      const papers = toNumber(r.papers);
      return {
        challenge: toNode(r.n as PropertyMap),
        solutions: toNumber(r.solutions),
        problems,
        ideas,
        papers,
        attention: problems + ideas + papers,
      };
    }),
    unsolvedProblems: unsolved.map((r) => ({
      problem: toNode(r.n as PropertyMap),
      challenges: toNumber(r.challenges),
    })),
    transferCandidates: transfer.map((r) => ({
      solution: toNode(r.n as PropertyMap),
      area: toNode(r.area as PropertyMap),
      challenges: toNumber(r.challenges),
    })),
  };
}

export async function overview(tx: ManagedTransaction, query: OverviewQuery): Promise<GraphOverview> {
  const top = await rows(tx, OVERVIEW_TOP, { limit: int(query.limit) });
  const ids = top.map((r) => String(r.id));
  const nodes = await nodesById(tx, ids);
  const edges = await rows(tx, EDGES_AMONG, { ids, types: null });
  const totals = await firstRow(tx, OVERVIEW_TOTALS);
  return {
    nodes: top.flatMap((r) => {
      const node = nodes.get(String(r.id));
      return node ? [{ node, degree: toNumber(r.degree) }] : [];
    }),
    edges: edges.map(rowToEdge),
    totalNodes: toNumber(totals?.nodes),
    totalEdges: toNumber(totals?.edges),
  };
}
