/**
 * The plans of the Neo4j store's bench queries: `node bench/neo4j-load/profile-queries.ts [--scale 0.1]
 * [--uri bolt://…]`. Starts the project's Neo4j in a temp dir (or uses `--uri`, which must be empty or hold a
 * previous run's graph), imports a scaled synthetic MotivGraph through the store, then runs each query the bench
 * measures under PROFILE with the parameters the store sends and prints its operators (rows, db hits) and its
 * median wall time over 30 runs. The findings are recorded in src-main/graph/README.md.
 */
import { parseArgs } from 'node:util';
import type { ProfiledPlan } from 'neo4j-driver';
import { startNeo4j } from '../../graph/neo4j-server/start.ts';
import { DEFAULT_NEO4J_DATABASE } from '../../src-main/graph/neo4j/config.ts';
import { createNeo4jDriver } from '../../src-main/graph/neo4j/connection.ts';
import { toLuceneQuery } from '../../src-main/graph/neo4j/lucene.ts';
import { int, toFloat32List } from '../../src-main/graph/neo4j/mapping.ts';
import { openNeo4jStore } from '../../src-main/graph/neo4j/open-store.ts';
import * as Q from '../../src-main/graph/neo4j/queries.ts';
import { PAPER_SCALE, generateSyntheticGraph } from '../lib/synthetic-motivgraph.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '0.1' }, uri: { type: 'string' } },
});
const scale = Number(values.scale);
const sized = (n: number): number => Math.max(1, Math.round(n * scale));
const graph = generateSyntheticGraph(undefined, {
  ...PAPER_SCALE,
  problems: sized(PAPER_SCALE.problems),
  challenges: sized(PAPER_SCALE.challenges),
  solutions: sized(PAPER_SCALE.solutions),
  parents: sized(PAPER_SCALE.parents),
} as unknown as typeof PAPER_SCALE);

function describePlan(plan: ProfiledPlan, depth = 0, out: string[] = []): string[] {
  const details = String(plan.arguments.Details ?? '').slice(0, 70);
  out.push(
    `${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} dbHits=${plan.dbHits}${details ? `  ${details}` : ''}`,
  );
  for (const child of plan.children) describePlan(child, depth + 1, out);
  return out;
}

const totalHits = (plan: ProfiledPlan): number =>
  plan.dbHits + plan.children.reduce((sum, child) => sum + totalHits(child), 0);

const server = values.uri ? undefined : await startNeo4j({ heapMb: 4096, pageCacheMb: 1024 });
const uri = values.uri ?? (server?.uri as string);
const config = { uri, database: DEFAULT_NEO4J_DATABASE };
try {
  const { store } = await openNeo4jStore(config);
  if (!((await store.stats()).nodes.Problem ?? 0)) {
    const t0 = performance.now();
    await store.importBatch(graph.batch, { actor: 'bench' });
    console.log(
      `imported ${graph.batch.nodes.length} nodes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const ids = (await store.randomNodes({ count: 20, seed: 7 })).map((n) => n.id);
  await store.close();

  const driver = createNeo4jDriver(config);
  const text = graph.queries.texts[0] as string;
  const vector = toFloat32List(graph.queries.vectors[0] as Float32Array);
  const filters = { kinds: null, level: null, review: null };
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['round trip', Q.PING, {}],
    ['lexical (filtered)', Q.FULLTEXT_SEARCH, { query: toLuceneQuery(text), limit: int(40), ...filters }],
    ['lexical (top, no filters)', Q.FULLTEXT_SEARCH_TOP, { query: toLuceneQuery(text), limit: int(40) }],
    [
      'vector (index)',
      Q.VECTOR_SEARCH_INDEX,
      { vector, model: graph.model, candidates: int(400), limit: int(40), ...filters },
    ],
    ['vectors of lexical hits', Q.GET_VECTORS, { nodeIds: ids, model: graph.model }],
    ['models', Q.ALL_MODELS, {}],
    ['nodes by id', Q.NODES_BY_IDS, { ids }],
    [
      'node relation',
      Q.NODE_RELATION,
      { id: ids[0], limit: int(50), depth: int(3), cap: int(500), chainLimit: int(50) },
    ],
    ['random: stamp + nodes', Q.STAMP_AND_NODES, { ids: ids.slice(0, 5) }],
    ['graph stamp', Q.GRAPH_STAMP, {}],
  ];
  for (const [name, query, params] of cases) {
    const session = driver.session({ database: config.database, defaultAccessMode: 'READ' });
    try {
      const profiled = await session.executeRead((tx) => tx.run(`PROFILE ${query}`, params));
      const plan = profiled.summary.profile;
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await session.executeRead((tx) => tx.run(query, params));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `\n== ${name}: median ${(times[15] ?? 0).toFixed(2)} ms, db hits ${plan ? totalHits(plan) : 'n/a'}`,
      );
      if (plan) console.log(describePlan(plan).join('\n'));
    } finally {
      await session.close();
    }
  }
  await driver.close();
} finally {
  await server?.stop();
}
