import type { GraphDriver } from '../driver.ts';
import { OverviewSchema, PathSchema, WhitespaceSchema } from '../explore-schemas.ts';
import type { GraphOverview, GraphPath, WhiteSpace } from '../explore-views.ts';
import { parseInput } from '../parse-input.ts';
import { notFound } from '../write-checks.ts';

/** The explorer's reads, the same over both drivers: inputs parsed, endpoints checked, the trivial path answered. */

/** Null when the two nodes are not joined within `maxHops`; a missing endpoint is NOT_FOUND naming the field. */
export async function findPath(driver: GraphDriver, input: unknown): Promise<GraphPath | null> {
  const query = parseInput(PathSchema, input, 'path');
  const found = await driver.read((r) => r.nodesById([query.from, query.to]));
  const from = found.get(query.from);
  if (!from) throw notFound(query.from, 'from');
  if (!found.has(query.to)) throw notFound(query.to, 'to');
  if (query.from === query.to) return { nodes: [from], edges: [] };
  return driver.shortestPath(query.from, query.to, query.maxHops);
}

export async function findWhiteSpace(driver: GraphDriver, input: unknown): Promise<WhiteSpace> {
  return driver.whiteSpace(parseInput(WhitespaceSchema, input, 'white space'));
}

export async function graphOverview(driver: GraphDriver, input: unknown): Promise<GraphOverview> {
  return driver.overview(parseInput(OverviewSchema, input, 'overview'));
}
