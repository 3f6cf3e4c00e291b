import type { ProtocolPlan, ProtocolSetting } from '../contract/protocol.ts';
import type { LocalEmbedder } from '../embeddings/local-minilm.ts';
import { priceFor } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { comparabilityNote } from './dimensions.ts';
import { scoreIdea } from './direct-score.ts';
import type { DirectScore, JudgedIdea } from './direct-score.ts';
import { settingDiversity } from './diversity.ts';
import type { JudgeDeps } from './judge-call.ts';
import { judgeTournament } from './judge-tournament.ts';
import type { StoredTournament } from './judgment-store.ts';
import { buildResults } from './protocol-table.ts';
import type { SettingMeasures } from './protocol-table.ts';
import type { ProtocolStore, RunProgress } from './protocol-store.ts';
import { DIRECT_RUBRIC_VERSION, PAIRWISE_RUBRIC_VERSION } from './rubric.ts';

/**
 * One protocol run from wherever its file says it stands: each (topic, setting) session (reused when finished,
 * resumed when not, started when missing), direct scores and one tournament per (topic, seed) over all settings'
 * ideas (the judgments store answers what was judged before, so nothing is paid twice), diversity, the table.
 * Every unit of work ends with a numbered progress event; cancel is checked between units.
 */

export interface SessionUsage {
  tokens: number;
  costUsd: number;
  unpricedModels: string[];
}

/** What the runner needs of ideation (core/protocol-service.ts adapts the ideation service). */
export interface ProtocolIdeation {
  start(topic: string, setting: ProtocolSetting, ideas: number): Promise<string>;
  /** Waits until the session is finished (resuming it when it was stopped, failed or interrupted). */
  finish(sessionId: string, signal: AbortSignal): Promise<void>;
  ideas(sessionId: string): JudgedIdea[];
  usage(sessionId: string): Promise<SessionUsage>;
}

export interface RunnerDeps {
  store: ProtocolStore;
  ideation: ProtocolIdeation;
  judge: JudgeDeps & { signal: AbortSignal };
  embedder: () => Promise<Pick<LocalEmbedder, 'embed'>>;
  /** Sent for every progress change (already stored and numbered). */
  onEvent: (event: ReturnType<ProtocolStore['progress']>) => void;
}

interface Cell {
  topic: string;
  setting: ProtocolSetting;
  sessionId: string;
  ideas: JudgedIdea[];
  usage: SessionUsage;
}

export async function runProtocol(runId: string, plan: ProtocolPlan, deps: RunnerDeps): Promise<void> {
  const { store, judge } = deps;
  const signal = judge.signal;
  let cost = 0;
  const report = (progress: RunProgress): void => deps.onEvent(store.progress(runId, progress, cost));
  const checkCancel = (): void => {
    if (signal.aborted) throw new AppError('CANCELLED', `Protocol run ${runId} was cancelled`);
  };

  // 1. Ideation: one isolated session per (topic, setting), in plan order.
  const cells: Cell[] = [];
  const total = plan.topics.length * plan.settings.length;
  for (const topic of plan.topics) {
    for (const setting of plan.settings) {
      checkCancel();
      let sessionId = store.sessionOf(runId, topic, setting.name);
      if (sessionId === undefined) {
        sessionId = await deps.ideation.start(topic, setting, plan.ideasPerTopic);
        store.setSession(runId, topic, setting.name, sessionId);
      }
      await deps.ideation.finish(sessionId, signal);
      const usage = await deps.ideation.usage(sessionId);
      cells.push({ topic, setting, sessionId, ideas: deps.ideation.ideas(sessionId), usage });
      cost += usage.costUsd;
      report({ stage: 'ideate', done: cells.length, total });
    }
  }

  // 2. Direct scores for every idea (from the store when scored before).
  const ideas = cells.flatMap((c) => c.ideas);
  const scores = new Map<string, DirectScore>();
  for (const idea of ideas) {
    checkCancel();
    const score = await scoreIdea(judge, idea);
    scores.set(idea.id, score);
    cost += score.costUsd;
    report({ stage: 'judge', done: scores.size, total: ideas.length });
  }

  // 3. One tournament per (topic, seed) over every setting's ideas on the topic.
  const tournaments = await runTournaments(runId, plan, cells, deps, (paid) => (cost += paid), report);

  // 4. Diversity and length per setting.
  const embedder = await deps.embedder();
  const measures: SettingMeasures[] = [];
  for (const setting of plan.settings) {
    checkCancel();
    const own = cells.filter((c) => c.setting.name === setting.name);
    const byTopic = new Map(own.map((c) => [c.topic, c.ideas]));
    const diversity = await settingDiversity(embedder, byTopic, signal);
    measures.push(settingMeasures(setting, own, scores, tournaments, deps, diversity));
    report({ stage: 'diversity', done: measures.length, total: plan.settings.length });
  }

  const judgeModel = judge.llm.config.models.judge;
  // The run's whole cost, each call once: its sessions and every judgment its table uses (reused ones included).
  cost = measures.reduce((sum, m) => sum + m.costUsd, 0);
  report({ stage: 'diversity', done: measures.length, total: plan.settings.length });
  store.saveResults(
    runId,
    buildResults({
      settings: measures,
      tournaments,
      seeds: plan.seeds,
      comparability: comparabilityNote(judgeModel),
      judgeModel,
      rubricVersion: `${DIRECT_RUBRIC_VERSION}, ${PAIRWISE_RUBRIC_VERSION}`,
    }),
  );
}

async function runTournaments(
  runId: string,
  plan: ProtocolPlan,
  cells: Cell[],
  deps: RunnerDeps,
  paid: (usd: number) => void,
  report: (progress: RunProgress) => void,
): Promise<StoredTournament[]> {
  const { store, judge } = deps;
  const judgments = judge.store;
  const onTopic = (topic: string): JudgedIdea[] =>
    cells.filter((c) => c.topic === topic).flatMap((c) => c.ideas);
  const pairsOf = (n: number): number => plan.rounds * Math.floor(n / 2);
  const total = plan.topics.reduce((sum, t) => sum + pairsOf(onTopic(t).length) * plan.seeds.length, 0);
  let done = 0;
  const tournaments: StoredTournament[] = [];
  for (const topic of plan.topics) {
    const ideas = onTopic(topic);
    for (const seed of plan.seeds) {
      const stored = store.tournamentOf(runId, topic, seed);
      const finished = stored === undefined ? undefined : judgments.tournament(stored);
      if (finished) {
        tournaments.push(finished);
        done += pairsOf(ideas.length);
        continue;
      }
      if (judge.signal.aborted) throw new AppError('CANCELLED', `Protocol run ${runId} was cancelled`);
      const before = done;
      const result = await judgeTournament(judge, ideas, {
        seed,
        rounds: plan.rounds,
        signal: judge.signal,
        onPairJudged: (p) => {
          done = before + p.pairsDone;
          report({ stage: 'tournament', done, total });
        },
      });
      paid(result.costUsd);
      const id = `${runId}:${plan.topics.indexOf(topic)}:${seed}`;
      tournaments.push(
        judgments.putTournament({
          id,
          topic,
          seed,
          rounds: result.rounds,
          k: result.k,
          rubricVersion: result.rubricVersion,
          model: result.model,
          ideaIds: ideas.map((i) => i.id),
          standings: result.standings,
          history: result.history,
        }),
      );
      store.setTournament(runId, topic, seed, id);
      done = before + pairsOf(ideas.length);
    }
  }
  return tournaments;
}

/** Tokens and cost of a setting: its sessions, its direct scores, half of each stored pair its ideas were in. */
function settingMeasures(
  setting: ProtocolSetting,
  own: Cell[],
  scores: ReadonlyMap<string, DirectScore>,
  tournaments: readonly StoredTournament[],
  deps: RunnerDeps,
  diversity: { diversity: number | null; meanLength: number | null },
): SettingMeasures {
  const ideaIds = own.flatMap((c) => c.ideas.map((i) => i.id));
  const ids = new Set(ideaIds);
  const usages = own.map((c) => c.usage);
  const ownScores = ideaIds.flatMap((id) => scores.get(id) ?? []);
  const judgeModel = deps.judge.llm.config.models.judge;
  const inRun = new Set(tournaments.flatMap((t) => t.ideaIds));
  const pairs = deps.judge.store
    .forIdeas('pairwise', ideaIds)
    .filter((j) => j.model === judgeModel && j.ideaIds.every((id) => inRun.has(id)));
  const share = (ideaIdsOfPair: string[]): number => ideaIdsOfPair.filter((id) => ids.has(id)).length / 2;
  return {
    setting: setting.name,
    ideaIds,
    scores: ownScores,
    diversity: diversity.diversity,
    meanLength: diversity.meanLength,
    tokens:
      usages.reduce((n, u) => n + u.tokens, 0) +
      ownScores.reduce((n, s) => n + s.promptTokens + s.completionTokens, 0) +
      pairs.reduce((n, j) => n + (j.promptTokens + j.completionTokens) * share(j.ideaIds), 0),
    costUsd:
      usages.reduce((n, u) => n + u.costUsd, 0) +
      ownScores.reduce((n, s) => n + s.costUsd, 0) +
      pairs.reduce((n, j) => n + j.costUsd * share(j.ideaIds), 0),
    unpriced: usages.some((u) => u.unpricedModels.length > 0) || !priceFor(deps.judge.prices, judgeModel),
  };
}
