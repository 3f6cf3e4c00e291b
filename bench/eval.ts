/**
 * Benchmark: bookkeeping of a 64-idea, 6-round Swiss tournament (issue 13 budget: ≤ 1 s excluding model time).
 *
 *   npm run bench:eval
 *
 * 1. Runs the tournament once against the scripted LLM server on loopback (zero delay; the judge answers "A"
 *    everywhere, so every pair is a draw): judge calls per idea, and the wall time including the loopback
 *    requests (an upper bound of the bookkeeping, the "model" being instant).
 * 2. Runs it again: every judgment now comes from the judgments store, so what remains is exactly our
 *    bookkeeping (prompt rendering and hashing, SQLite reads, pairing, ELO). This is the budgeted number.
 * 3. The pure engine (pairing + ELO) with an in-process instant judge, for reference.
 * Writes bench/results/eval.json; exits 1 over budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedLlm } from '../e2e/scripted-llm/server.ts';
import { DIMENSIONS } from '../src-main/judge/dimensions.ts';
import { judgeTournament } from '../src-main/judge/judge-tournament.ts';
import { JudgmentStore } from '../src-main/judge/judgment-store.ts';
import { estimateProtocol } from '../src-main/judge/protocol-estimate.ts';
import { PROTOCOL_PRESETS } from '../src-main/contract/protocol.ts';
import type { PairOutcome } from '../src-main/judge/pairwise.ts';
import { testIdea, uniformVerdict } from '../src-main/judge/test-ideas.ts';
import { runTournament } from '../src-main/judge/tournament.ts';
import { createLlmClient, resolveLlmConfig } from '../src-main/llm/index.ts';
import { projectPath } from '../src-main/shared/project-path.ts';
import { atMost, benchResults, printTable, writeResults } from './lib/results.ts';

const IDEAS = 64;
const ROUNDS = 6;
const BUDGET_MS = 1000;

const ideas = Array.from({ length: IDEAS }, (_, i) => testIdea(`n${String(i).padStart(2, '0')}`));
const dir = mkdtempSync(join(tmpdir(), 'motiv-bench-eval-'));
const server = await startScriptedLlm({
  scenario: {
    name: 'bench-eval',
    steps: [{ match: { role: 'judge' }, times: 100_000, reply: { content: uniformVerdict('A') } }],
  },
});
try {
  const config = resolveLlmConfig({ baseUrl: server.baseUrl, models: { judge: 'scripted-judge' } }, {});
  const llm = createLlmClient(config);
  const store = new JudgmentStore(join(dir, 'judgments.sqlite'));
  const deps = { llm, store, prices: {} };

  let start = performance.now();
  const first = await judgeTournament(deps, ideas, { seed: 1, rounds: ROUNDS });
  const firstMs = performance.now() - start;

  start = performance.now();
  const replay = await judgeTournament(deps, ideas, { seed: 1, rounds: ROUNDS });
  const replayMs = performance.now() - start;
  if (replay.newCalls !== 0) throw new Error(`the replay made ${replay.newCalls} judge calls; expected none`);
  store.close();

  const draw = Object.fromEntries(DIMENSIONS.map((d) => [d, 0.5])) as PairOutcome;
  start = performance.now();
  await runTournament(
    ideas.map((i) => i.id),
    () => Promise.resolve(draw),
    { seed: 1, rounds: ROUNDS },
  );
  const engineMs = performance.now() - start;

  // A protocol's judge calls are counted exactly before it runs: one direct score per idea, two calls per pair.
  const protocolPlan = {
    topics: ['a', 'b'],
    settings: [PROTOCOL_PRESETS.full, PROTOCOL_PRESETS['no-graph'], PROTOCOL_PRESETS['no-mentor']],
    ideasPerTopic: 3,
    seeds: [1],
    rounds: 5,
  };
  const protocolIdeas = 2 * 3 * 3;
  const protocol = estimateProtocol(protocolPlan, { researcher: 'r', mentor: 'm', judge: 'j' }, {}, 5);

  const results = benchResults('eval', [
    atMost(
      `tournament bookkeeping, ${IDEAS} ideas × ${ROUNDS} rounds (all judgments from the store)`,
      replayMs,
      'ms',
      BUDGET_MS,
    ),
    atMost('same, first run with the loopback scripted judge (zero delay)', firstMs, 'ms', null),
    atMost('pairing + ELO alone (in-process instant judge)', engineMs, 'ms', null),
    atMost('judge calls per idea', first.callsPerIdea, 'calls', null),
    atMost('judge calls in all', first.newCalls, 'calls', null),
    atMost(
      'protocol judge calls per idea (2 topics × 3 settings × 3 ideas, 1 seed, 5 rounds)',
      protocol.judgeCalls / protocolIdeas,
      'calls',
      null,
    ),
  ]);
  printTable(results);
  writeResults(projectPath('bench', 'results', 'eval.json'), results);
  if (replayMs > BUDGET_MS) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
