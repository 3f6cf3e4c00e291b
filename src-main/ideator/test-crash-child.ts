import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { createLlmClient, resolveLlmConfig, UsageLedger } from '../llm/index.ts';
import { IdeatorManager } from './manager.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';

/**
 * A child process for the crash test: runs one session against the given endpoint and prints its id. The test
 * kills it with SIGKILL mid-session, so nothing here gets a chance to clean up — as in a real crash. LEASE_MS and
 * HOST set its ownership lease, so a test can play a crash on another host.
 */
const [dataDir, baseUrl, leaseMs, host] = process.argv.slice(2);
if (!dataDir || !baseUrl) throw new Error('usage: test-crash-child.ts DATA_DIR BASE_URL [LEASE_MS HOST]');
const llm = createLlmClient(resolveLlmConfig({ baseUrl, model: 'scripted-chat' }, {}), {
  ledger: new UsageLedger(),
  timeoutMs: 30_000,
});
const graph = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
const manager = new IdeatorManager({
  dataDir,
  llm,
  graph,
  actor: 'child',
  defaults: { seed: 7 },
  ...(leaseMs ? { lease: { ms: Number(leaseMs), ...(host ? { host } : {}) } } : {}),
});
// The fixed cycle: the crash and lease tests are about recovery, and the scenario's mentor accepts in round 2.
const session = manager.start({
  topic: 'LLM research ideation',
  ideas: 1,
  maxRounds: 3,
  mentorPolicy: LEGACY_POLICY,
});
process.stdout.write(`SESSION ${session.id}\n`);
await manager.whenSettled(session.id);
