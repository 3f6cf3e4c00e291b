/**
 * MotivGraph store benchmark at the paper's scale: `node bench/graph.ts [--store embedded|neo4j|all] [--wipe]
 * [--scale 0.1]`. Prints a table and writes bench/results/graph.json (a smaller `--scale` writes
 * graph-scale-<s>.json instead, for development). Both stores run by default, in one run. Neo4j settings
 * come from MOTIV_NEO4J_URI, _USER, _PASSWORD and _DATABASE; without a URI the benchmark starts the project's own
 * Neo4j 5.26 (graph/neo4j-server, fetched from Maven Central) in a temp dir and stops it afterwards, with a 4 GB
 * heap and a 2 GB page cache: the import is journaled in bounded transactions (import-journal.ts), so the heap
 * need not hold the whole graph.
 *
 * Each latency is reported as wall time (the target) and as on-CPU time of this process: on a shared 2-core
 * machine the gap between the two is time spent waiting for a core, not work done by the store.
 *
 * Neo4j's targets are relative: any Bolt call costs at least a round trip, so the run measures that floor
 * (`neo4j.roundtrip_p95`, a `RETURN 1` read transaction as the store opens one) and sets each Neo4j query's p95
 * target to floor + 3 × the embedded store's p95 of the same run (lexical, hybrid, relation, random).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { startNeo4j } from '../graph/neo4j-server/start.ts';
import type { RunningNeo4j } from '../graph/neo4j-server/start.ts';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema } from '../src-main/contract/settings.ts';
import { loadConfig, neo4jAdapterConfig } from '../src-main/core/config.ts';
import { DEFAULT_NEO4J_DATABASE } from '../src-main/graph/neo4j/config.ts';
import type { Neo4jConfig } from '../src-main/graph/neo4j/config.ts';
import { createNeo4jDriver } from '../src-main/graph/neo4j/connection.ts';
import { PING } from '../src-main/graph/neo4j/queries.ts';
import { openNeo4jStore } from '../src-main/graph/neo4j/open-store.ts';
import type { GraphStore } from '../src-main/graph/port.ts';
import { atMost, benchResults, printTable, writeResults } from './lib/results.ts';
import type { Metric } from './lib/results.ts';
import { PAPER_SCALE, generateSyntheticGraph } from './lib/synthetic-motivgraph.ts';
import type { SyntheticGraph } from './lib/synthetic-motivgraph.ts';
import { percentile, sampleLatency, timed } from './lib/timing.ts';
import type { LatencySummary } from './lib/timing.ts';

const STORE_NAMES = ['embedded', 'neo4j'] as const;
type StoreName = (typeof STORE_NAMES)[number];

interface OpenedStore {
  store: GraphStore;
  /** Bytes on disk after close, when the store can tell. */
  sizeAfterClose: () => number | null;
  dispose: () => Promise<void>;
  /** A second handle on the same data whose vector search is exact: the reference for recall@10. */
  openExact?: () => GraphStore;
  /** Neo4j: where the server is, for the round-trip floor. */
  neo4jConfig?: Neo4jConfig;
}

/** Targets per store (upper bounds); null = measured and reported, no target set. */
const TARGETS: Record<StoreName, Record<string, number | null>> = {
  embedded: { load_s: 15, lexical_p95_ms: 5, vector_p95_ms: 25, hybrid_p95_ms: 30, relation_p95_ms: 5 },
  neo4j: { load_s: 60 },
};

/** Neo4j queries whose p95 target is the Bolt floor + this many times the embedded store's p95. */
const RELATIVE_TO_EMBEDDED = ['lexical', 'hybrid', 'node_relation', 'random_nodes'] as const;
const EMBEDDED_FACTOR = 3;

/** The Bolt floor: a `RETURN 1` read transaction on its own session, as the store runs every read. */
async function boltRoundTrip(config: Neo4jConfig): Promise<LatencySummary> {
  const driver = createNeo4jDriver(config);
  try {
    return await sampleLatency(async () => {
      const session = driver.session({ database: config.database, defaultAccessMode: 'READ' });
      try {
        await session.executeRead((tx) => tx.run(PING));
      } finally {
        await session.close();
      }
    }, SAMPLES);
  } finally {
    await driver.close();
  }
}

const FACTORIES: Record<StoreName, () => Promise<OpenedStore | string>> = {
  async embedded() {
    const dir = mkdtempSync(join(tmpdir(), 'motiv-bench-graph-'));
    const path = join(dir, 'graph.sqlite');
    return {
      store: EmbeddedGraphStore.open(path),
      sizeAfterClose: () => statSync(path).size,
      openExact: () => EmbeddedGraphStore.open(path, { approximateVectorSearchFrom: Infinity }),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  async neo4j() {
    // MOTIV_NEO4J_* as the app reads them (core/config.ts), without a settings file.
    const loaded = loadConfig({
      settings: SettingsSchema.parse({ schemaVersion: SETTINGS_SCHEMA_VERSION }),
      env: process.env,
      dataDir: { value: '(bench)', source: 'default' },
    });
    if (loaded.neo4jProblem) throw loaded.neo4jProblem;
    const configured = loaded.neo4j ? neo4jAdapterConfig(loaded.neo4j) : undefined;
    const server = configured
      ? undefined
      : await startNeo4j({ heapMb: 4096, pageCacheMb: 2048, log: (line) => console.log(`neo4j: ${line}`) });
    if (server) console.log(`neo4j: started ${server.uri} in ${(server.startMs / 1000).toFixed(1)} s`);
    const config = configured ?? { uri: (server as RunningNeo4j).uri, database: DEFAULT_NEO4J_DATABASE };
    try {
      const { store } = await openNeo4jStore(config);
      return {
        store,
        sizeAfterClose: () => null,
        neo4jConfig: config,
        dispose: async () => server?.stop(),
      };
    } catch (err) {
      await server?.stop();
      throw err;
    }
  },
};

const SAMPLES = { samples: 300, warmup: 30 };

async function benchStore(name: StoreName, graph: SyntheticGraph, wipe: boolean): Promise<Metric[]> {
  const opened = await FACTORIES[name]();
  if (typeof opened === 'string') {
    console.log(`${name}: ${opened}`);
    return [{ name: `${name}.status`, value: null, unit: opened, target: null, met: null }];
  }
  const { store } = opened;
  const target = (key: string): number | null => TARGETS[name][key] ?? null;
  try {
    const existing = await store.stats();
    if (Object.values(existing.nodes).some((n) => n > 0)) {
      if (!wipe) throw new Error(`${name} store is not empty; pass --wipe to clear it first`);
      await store.restore(emptyDump(), { actor: 'bench' }, { replace: true });
    }
    console.log(
      `${name}: loading ${graph.batch.nodes.length} nodes, ${graph.batch.edges?.length ?? 0} edges…`,
    );
    const load = await timed(() => store.importBatch(graph.batch, { actor: 'bench' }));
    console.log(`${name}: loaded in ${(load.ms / 1000).toFixed(2)} s`, load.result.nodesCreated, 'nodes');

    const { texts, vectors } = graph.queries;
    const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
    const lexical = await sampleLatency(
      (i) => store.nodeSearch({ query: pick(texts, i), mode: 'lexical', limit: 10 }),
      SAMPLES,
    );
    // The first vector search after a load builds the in-memory code index (embedded): shown on its own.
    const firstVector = await timed(() =>
      store.nodeSearch({ vector: pick(vectors, 0), mode: 'vector', limit: 10, model: graph.model }),
    );
    const vectorIds: string[][] = [];
    const vector = {
      ...(await sampleLatency(async (i) => {
        const hits = await store.nodeSearch({
          vector: pick(vectors, i),
          mode: 'vector',
          limit: 10,
          model: graph.model,
        });
        if (i < RECALL_QUERIES) vectorIds[i] = hits.map((h) => h.node.id);
      }, SAMPLES)),
      ids: vectorIds,
    };
    const hybrid = await sampleLatency(
      (i) =>
        store.nodeSearch({
          query: pick(texts, i),
          vector: pick(vectors, i),
          mode: 'hybrid',
          limit: 10,
          model: graph.model,
        }),
      SAMPLES,
    );
    const exact = opened.openExact ? await exactVectorFigures(opened.openExact(), graph, vector.ids) : null;
    // A curator's loop: change one node's vector, then search. The embedded code index patches, not reloads.
    const touchedIds = (await store.randomNodes({ count: 50, seed: 11 })).map((n) => n.id);
    const afterWriteMs: number[] = [];
    for (const [i, nodeId] of touchedIds.entries()) {
      await store.setEmbedding(
        { nodeId, model: graph.model, vector: pick(vectors, i + 7) },
        { actor: 'bench' },
      );
      const query = { vector: pick(vectors, i), mode: 'vector' as const, limit: 10, model: graph.model };
      afterWriteMs.push((await timed(() => store.nodeSearch(query))).ms);
    }
    afterWriteMs.sort((a, b) => a - b);
    const ids = (await store.randomNodes({ count: 100, seed: 7 })).map((n) => n.id);
    const relation = await sampleLatency((i) => store.nodeRelation(pick(ids, i)), SAMPLES);
    const random = await sampleLatency((i) => store.randomNodes({ count: 5, seed: i }), SAMPLES);
    const roundTrip = opened.neo4jConfig ? await boltRoundTrip(opened.neo4jConfig) : null;

    await store.close();
    const size = opened.sizeAfterClose();
    const latency = (metric: string, summary: LatencySummary, p95Target: number | null): Metric[] => [
      atMost(`${name}.${metric}_p50`, summary.p50, 'ms', null),
      atMost(`${name}.${metric}_p95`, summary.p95, 'ms', p95Target),
      atMost(`${name}.${metric}_cpu_p95`, summary.cpuP95, 'ms', null),
    ];
    return [
      ...(roundTrip
        ? [
            atMost(`${name}.roundtrip_p50`, roundTrip.p50, 'ms', null),
            atMost(`${name}.roundtrip_p95`, roundTrip.p95, 'ms', null),
          ]
        : []),
      atMost(`${name}.load`, load.ms / 1000, 's', target('load_s')),
      atMost(`${name}.load_cpu`, load.cpuMs / 1000, 's', null),
      ...latency('lexical', lexical, target('lexical_p95_ms')),
      atMost(`${name}.vector_first_after_load`, firstVector.ms, 'ms', null),
      atMost(`${name}.vector_after_single_write_p95`, percentile(afterWriteMs, 95), 'ms', null),
      ...latency('vector', vector, target('vector_p95_ms')),
      ...(exact
        ? [
            atMost(`${name}.vector_recall_at_10`, exact.recall, 'ratio', null),
            ...latency('vector_exact', exact.latency, null),
          ]
        : []),
      ...latency('hybrid', hybrid, target('hybrid_p95_ms')),
      ...latency('node_relation', relation, target('relation_p95_ms')),
      ...latency('random_nodes', random, null),
      atMost(`${name}.store_size`, size === null ? null : size / 2 ** 20, 'MiB', null),
    ];
  } finally {
    await store.close();
    await opened.dispose();
  }
}

const RECALL_QUERIES = 100;

/** Exact-search latency and the recall@10 of the store's own answers (`answers[i]` for query i) against it. */
async function exactVectorFigures(
  exactStore: GraphStore,
  graph: SyntheticGraph,
  answers: string[][],
): Promise<{ recall: number; latency: LatencySummary }> {
  try {
    let found = 0;
    let wanted = 0;
    for (let i = 0; i < RECALL_QUERIES; i++) {
      const query = graph.queries.vectors[i % graph.queries.vectors.length] as Float32Array;
      const truth = await exactStore.nodeSearch({
        vector: query,
        mode: 'vector',
        limit: 10,
        model: graph.model,
      });
      const answer = new Set(answers[i] ?? []);
      wanted += truth.length;
      found += truth.filter((h) => answer.has(h.node.id)).length;
    }
    const latency = await sampleLatency(
      (i) =>
        exactStore.nodeSearch({
          vector: graph.queries.vectors[i % graph.queries.vectors.length] as Float32Array,
          mode: 'vector',
          limit: 10,
          model: graph.model,
        }),
      { samples: 100, warmup: 10 },
    );
    return { recall: found / Math.max(1, wanted), latency };
  } finally {
    await exactStore.close();
  }
}

function emptyDump(): unknown {
  return {
    format: 'motivgraph-dump',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    nodes: [],
    edges: [],
    embeddings: [],
  };
}

/**
 * Neo4j p95 targets from the same run: the Bolt floor + EMBEDDED_FACTOR × the embedded p95. Set only when both
 * stores ran (the embedded figures are the reference).
 */
function withRelativeTargets(metrics: Metric[]): Metric[] {
  const value = (name: string): number | null => metrics.find((m) => m.name === name)?.value ?? null;
  const floor = value('neo4j.roundtrip_p95');
  return metrics.map((m) => {
    const query = RELATIVE_TO_EMBEDDED.find((q) => m.name === `neo4j.${q}_p95`);
    const embedded = query ? value(`embedded.${query}_p95`) : null;
    if (floor === null || embedded === null) return m;
    const max = Number((floor + EMBEDDED_FACTOR * embedded).toFixed(2));
    return atMost(m.name, m.value, m.unit, max);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'all' },
      wipe: { type: 'boolean', default: false },
      scale: { type: 'string', default: '1' },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number in (0, 1]');
  const chosen = values.store === 'all' ? [...STORE_NAMES] : [values.store];
  const stores = chosen.filter((s): s is StoreName => (STORE_NAMES as readonly string[]).includes(s ?? ''));
  if (stores.length !== chosen.length)
    throw new Error(`--store must be one of ${STORE_NAMES.join(', ')} or all`);

  const sized = (n: number): number => Math.max(1, Math.round(n * scale));
  const generated = await timed(async () =>
    generateSyntheticGraph(undefined, {
      ...PAPER_SCALE,
      problems: sized(PAPER_SCALE.problems),
      challenges: sized(PAPER_SCALE.challenges),
      solutions: sized(PAPER_SCALE.solutions),
      parents: sized(PAPER_SCALE.parents),
    } as unknown as typeof PAPER_SCALE),
  );
  console.log(`generated synthetic graph in ${(generated.ms / 1000).toFixed(2)} s`);
  const metrics: Metric[] = [];
  for (const name of stores) {
    try {
      metrics.push(...(await benchStore(name, generated.result, values.wipe)));
    } catch (err) {
      // One store failing (server down, out of memory) must not hide the other's figures.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`${name}: failed: ${message}`);
      metrics.push({
        name: `${name}.status`,
        value: null,
        unit: `failed: ${message}`,
        target: null,
        met: null,
      });
    }
  }
  // maxRSS is the process peak in KiB: it covers generation and every store run.
  metrics.push(atMost('process.peak_rss', process.resourceUsage().maxRSS / 1024, 'MiB', null));

  const results = benchResults('graph', withRelativeTargets(metrics));
  printTable(results);
  const file = scale === 1 ? 'graph.json' : `graph-scale-${scale}.json`;
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', file);
  writeResults(out, results);
  console.log(`\nwrote ${out}`);
}

await main();
