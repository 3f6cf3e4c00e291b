import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { main } from '../cli/main.ts';
import type { GraphStore } from '../graph/port.ts';
import { scenarioFile, seedGraphInto } from './ideator-harness.ts';
import { miningScenario, seedPapers } from './mining-harness.ts';
import { bufferIo } from './graph-cli-fixture.ts';
import { OFFLINE_LITERATURE_ENV } from './cli-io.ts';

/**
 * `motiv ideate`, `motiv mine` and `motiv import` against a configured Neo4j: what they write lands in Neo4j and
 * no embedded graph file appears. Registered by the one test file that writes to the test server
 * (graph/neo4j/neo4j-store.test.ts), which hands each test a freshly emptied, migrated database.
 */
export function registerCliOnNeo4jTests(freshStore: () => Promise<GraphStore>, uri: () => string): void {
  describe('motiv ideate, mine and import against a configured Neo4j', () => {
    const dirs: string[] = [];
    let server: ScriptedLlm | undefined;
    let store: GraphStore | undefined;
    afterEach(async () => {
      await server?.stop();
      server = undefined;
      await store?.close();
      store = undefined;
    });
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    const labEnv = (llm?: ScriptedLlm): NodeJS.ProcessEnv => {
      const dataDir = mkdtempSync(join(tmpdir(), 'motiv-cli-neo4j-'));
      dirs.push(dataDir);
      return {
        MOTIV_DATA_DIR: dataDir,
        MOTIV_NEO4J_URI: uri(),
        MOTIV_SEED: 'off',
        ...(llm ? { MOTIV_LLM_BASE_URL: llm.baseUrl, MOTIV_LLM_MODEL: 'scripted-chat' } : {}),
        // Never the internet: literature_search falls back to the graph at once.
        ...OFFLINE_LITERATURE_ENV,
      };
    };
    const noEmbeddedGraph = (env: NodeJS.ProcessEnv): boolean =>
      !existsSync(join(env['MOTIV_DATA_DIR'] ?? '', 'graph.sqlite'));

    it('motiv ideate reads the Neo4j graph and writes its accepted idea there', async () => {
      store = await freshStore();
      await seedGraphInto(store);
      server = await startScriptedLlm({ scenario: scenarioFile('accept') });
      const env = labEnv(server);
      const io = bufferIo(env);
      const code = await main(
        // The fixed cycle: this test is about the Neo4j store; the scenario's mentor accepts in round 2.
        [
          'ideate',
          '--topic',
          'LLM research ideation',
          ...'--ideas 1 --max-rounds 3 --mentor-policy cycle --json'.split(' '),
        ],
        io,
      );
      expect(io.stderr()).toContain('[idea 1] researcher calls node_search');
      expect(code).toBe(0);
      expect(JSON.parse(io.stdout())).toMatchObject({ session: { status: 'completed' } });
      expect((await store.stats()).nodes['Idea']).toBe(1);
      // Signed as the CLI (no display name in the settings), as before it ran on the core.
      const idea = (await store.dump()).nodes.find((n) => n.kind === 'Idea');
      expect(idea?.createdBy).toBe('cli');
      expect(noEmbeddedGraph(env)).toBe(true);
      // A whole session (exploration, draft, three mentor rounds) with every write a Neo4j transaction.

      // Its report reads the cited subgraph from Neo4j (issue 14: `motiv export`, the dossier's graph part).
      const { ideas } = JSON.parse(io.stdout()) as { ideas: Array<{ id: string }> };
      const out = mkdtempSync(join(tmpdir(), 'motiv-cli-neo4j-export-'));
      dirs.push(out);
      const exportIo = bufferIo(env);
      expect(await main(['export', ideas[0]?.id ?? '', '--format', 'json', '--out', out], exportIo)).toBe(0);
      const file = JSON.parse(readFileSync(exportIo.stdout().trim(), 'utf8')) as {
        ideas: Array<{ subgraph: { nodes: Array<{ name: string }>; edges: Array<{ type: string }> } }>;
      };
      const subgraph = file.ideas[0]?.subgraph;
      expect(subgraph?.nodes.map((n) => n.name)).toContain('Scientific idea generation');
      expect(subgraph?.edges.map((e) => e.type).sort()).toEqual(['HAS_CHALLENGE', 'SOLVED_BY']);
    }, 90_000);

    it('motiv mine mines the Paper nodes of Neo4j, two at a time, and stores the triples there', async () => {
      store = await freshStore();
      await seedPapers(store, ['replay', 'generative']);
      server = await startScriptedLlm({ scenario: miningScenario('extract') });
      const env = labEnv(server);
      const io = bufferIo(env);
      const mined = await main(['mine', '--no-merge'], io);
      expect(io.stderr()).not.toContain('FAILED');
      expect(mined).toBe(0);
      expect(io.stdout()).toContain('2 of 2 papers mined (6 nodes)');
      const stats = await store.stats();
      expect(stats.nodes['Problem']).toBeGreaterThan(0);
      expect(stats.nodes['Solution']).toBeGreaterThan(0);
      expect(noEmbeddedGraph(env)).toBe(true);
    });

    it('motiv import writes Paper nodes into Neo4j', async () => {
      store = await freshStore();
      const env = labEnv();
      const io = bufferIo(env);
      const file = join(import.meta.dirname, '..', 'papers', 'fixtures', 'valid.ris');
      expect(await main(['import', file], io)).toBe(0);
      expect(io.stdout()).toMatch(/^total: [1-9]\d* imported/m);
      expect((await store.stats()).nodes['Paper']).toBeGreaterThan(0);
      expect(noEmbeddedGraph(env)).toBe(true);
    });
  });
}
