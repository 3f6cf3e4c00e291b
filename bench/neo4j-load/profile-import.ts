/**
 * Where a Neo4j bulk import spends its time: `node bench/neo4j-load/profile-import.ts [--scale 0.2] [--heap 4096]`.
 * Starts the project's Neo4j in a temp dir, imports a scaled synthetic MotivGraph through the journaled import
 * (bounded transactions, import-journal.ts), and prints the server wall time of every statement the import ran, grouped by query
 * text, plus the commit. A WriteTx subclass does the timing, so the code measured is the adapter's own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startNeo4j } from '../../graph/neo4j-server/start.ts';
import { DEFAULT_NEO4J_DATABASE } from '../../src-main/graph/neo4j/config.ts';
import { journaledImport } from '../../src-main/graph/neo4j/import-journal.ts';
import { openNeo4jStore } from '../../src-main/graph/neo4j/open-store.ts';
import { WriteTx } from '../../src-main/graph/neo4j/tx.ts';
import type { Row } from '../../src-main/graph/neo4j/tx.ts';
import { ImportBatchSchema } from '../../src-main/graph/schemas.ts';
import { createNeo4jDriver } from '../../src-main/graph/neo4j/connection.ts';
import { PAPER_SCALE, generateSyntheticGraph } from '../lib/synthetic-motivgraph.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.2' },
    heap: { type: 'string', default: '4096' },
    uri: { type: 'string' },
    /** Experiment only: drop this index before the import, to see what maintaining it costs at commit. */
    'drop-index': { type: 'string', multiple: true, default: [] },
    /** Keep the vector index updated by every staging transaction (the import before deferral), to compare. */
    'no-defer': { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const sized = (n: number): number => Math.max(1, Math.round(n * scale));

/** On-CPU seconds of the server JVM (user + system): unlike wall time, not inflated by other load on the machine. */
function serverCpuSeconds(port: number): number | null {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const timings = new Map<string, { calls: number; ms: number; cpu: number }>();
let serverPort = 0;
let lastCpu = 0;
function record(query: string, ms: number): void {
  const key = query.replace(/\s+/g, ' ').slice(0, 90);
  const t = timings.get(key) ?? { calls: 0, ms: 0, cpu: 0 };
  const cpu = serverCpuSeconds(serverPort) ?? 0;
  t.calls++;
  t.ms += ms;
  t.cpu += cpu - lastCpu;
  lastCpu = cpu;
  timings.set(key, t);
}

class TimedWriteTx extends WriteTx {
  override async rows(query: string, params: Row = {}): Promise<Row[]> {
    const start = performance.now();
    try {
      return await super.rows(query, params);
    } finally {
      record(query, performance.now() - start);
    }
  }
  override async finish(): Promise<void> {
    const start = performance.now();
    await super.finish();
    record('(finish: stamp + audit)', performance.now() - start);
  }
}

const graph = generateSyntheticGraph(20_251_122, {
  problems: sized(PAPER_SCALE.problems),
  challenges: sized(PAPER_SCALE.challenges),
  solutions: sized(PAPER_SCALE.solutions),
  parents: sized(PAPER_SCALE.parents),
  dimension: PAPER_SCALE.dimension,
  // The generator types its scale as the paper's literal counts; any counts work.
} as unknown as typeof PAPER_SCALE);
const batch = ImportBatchSchema.parse(graph.batch);
console.log(`graph: ${batch.nodes.length} nodes, ${batch.edges.length} edges`);

const server = values.uri ? undefined : await startNeo4j({ heapMb: Number(values.heap), pageCacheMb: 2048 });
const uri = values.uri ?? server!.uri;
try {
  const config = { uri, database: DEFAULT_NEO4J_DATABASE };
  const { store } = await openNeo4jStore(config);
  await store.close();
  const driver = createNeo4jDriver(config);
  for (const name of values['drop-index']) {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`bad index name ${name}`);
    await driver.executeQuery(`DROP INDEX ${name}`, {}, { database: DEFAULT_NEO4J_DATABASE });
    console.log(`dropped index ${name}`);
  }
  const session = driver.session({ database: DEFAULT_NEO4J_DATABASE, defaultAccessMode: 'WRITE' });
  const port = Number(new URL(uri).port);
  const serverCpu0 = serverCpuSeconds(port);
  serverPort = port;
  lastCpu = serverCpu0 ?? 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let workDone = 0;
  const meta = { actor: 'bench', at: new Date().toISOString() };
  const result = await journaledImport(
    (work) =>
      session.executeWrite(async (tx) => {
        const w = new TimedWriteTx(tx, meta);
        const result = await work(w);
        await w.finish();
        return result;
      }),
    batch,
    'bench',
    undefined,
    {
      onProgress: ({ done, total }) => {
        if (done % 100 === 0) console.log(`staged ${done}/${total}`);
      },
      ...(values['no-defer']
        ? {}
        : {
            runAlone: async (query: string, params = {}) => {
              const start = performance.now();
              const { records } = await driver.executeQuery(query, params, {
                database: DEFAULT_NEO4J_DATABASE,
              });
              record(`(alone) ${query}`, performance.now() - start);
              return records.map((r) => r.toObject());
            },
          }),
    },
  );
  workDone = performance.now();
  const total = performance.now() - t0;
  record('(commit)', total - (workDone - t0));
  const cpu = process.cpuUsage(cpu0);
  const serverCpu1 = serverCpuSeconds(port);
  const serverCpu = serverCpu0 === null || serverCpu1 === null ? 'n/a' : (serverCpu1 - serverCpu0).toFixed(2);
  await session.close();
  await driver.close();
  console.log(
    `created ${result.nodesCreated} nodes, ${result.edgesCreated} edges, ${result.embeddingsSet} vectors`,
  );
  console.log(
    `total ${(total / 1000).toFixed(2)} s; node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; server CPU ${serverCpu} s`,
  );
  const sorted = [...timings.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [query, t] of sorted) {
    console.log(
      `${(t.ms / 1000).toFixed(2).padStart(8)} s wall ${t.cpu.toFixed(2).padStart(7)} s server CPU ${String(t.calls).padStart(5)}×  ${query}`,
    );
  }
} finally {
  await server?.stop();
}
