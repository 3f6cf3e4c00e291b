import { chat } from '../llm/index.ts';
import { loadPrompts } from './prompts.ts';
import { ideaTurn, researcherTurn, sessionTools } from './researcher-turns.ts';
import { callHooks, commit, syncOne, syncStale } from './runner-support.ts';
import type { RunnerDeps } from './runner-support.ts';
import { personaMeta } from './mentor-framing.ts';
import { policyOf, questionedAspects, roundAspect, verdictBlockers } from './mentor-policy.ts';
import { mentorMessages } from './transcript.ts';
import { parseVerdict } from './verdict.ts';
import type { IdeaRecord, SessionConfig } from './types.ts';

/**
 * The protocol as a loop of small steps, each ending in one committed transaction. The next step is decided
 * from the file alone (idea phase, round, turns), which is what makes resume exact: a new process picks up the
 * first unfinished idea and asks the next question, never one whose answer is already stored.
 *
 * Per idea: explore (tool turns) → draft (structured idea v1) → [mentor → answer (tool turns) → revise (v n+1)]
 * until the mentor's ACCEPT/REJECT or the round limit. No tools at all skips exploration; no mentor ends at v1.
 */

export type { RunnerDeps };

export async function runSession(sessionId: string, deps: RunnerDeps): Promise<void> {
  for (;;) {
    deps.publish();
    deps.signal.throwIfAborted();
    const config = deps.store.session(sessionId).config;
    const ideas = deps.store.ideas(sessionId);
    await syncStale(sessionId, deps);
    const current = ideas.find((i) => i.phase !== 'done');
    if (current) {
      await step(sessionId, config, current, deps);
      continue;
    }
    if (ideas.length >= config.ideas) return;
    const phase = sessionTools(config, deps).length > 0 ? 'explore' : 'draft';
    deps.store.createIdea(deps.newId(), sessionId, ideas.length, phase);
    deps.publish();
  }
}

async function step(
  sessionId: string,
  config: SessionConfig,
  idea: IdeaRecord,
  deps: RunnerDeps,
): Promise<void> {
  switch (idea.phase) {
    case 'explore':
    case 'answer':
      return researcherTurn(sessionId, config, idea, deps);
    case 'draft':
    case 'revise':
      return ideaTurn(sessionId, config, idea, deps);
    case 'mentor':
      return mentorTurn(sessionId, config, idea, deps);
    case 'done':
      return;
  }
}

async function mentorTurn(sessionId: string, config: SessionConfig, idea: IdeaRecord, deps: RunnerDeps) {
  const turns = deps.store.turns(sessionId, idea.id);
  const lastIdeaSeq = turns.filter((t) => t.kind === 'idea').at(-1)?.seq ?? 0;
  const round = idea.round + 1;
  if (round > config.maxRounds) {
    commit(sessionId, deps, idea, [], { phase: 'done', outcome: 'round_limit', decidedBy: 'limit' });
    return syncOne(sessionId, idea.id, deps);
  }
  // A human interjection after the latest version takes the mentor's place for this round.
  if (turns.some((t) => t.kind === 'human' && t.seq > lastIdeaSeq)) {
    commit(sessionId, deps, idea, [], { round, phase: 'answer' });
    return;
  }
  const latest = deps.store.version(idea.id, idea.currentVersion);
  const prompts = loadPrompts(config.mentorPrompt);
  const { messages, level } = mentorMessages({ config, prompts, turns, latest, round });
  const result = await chat(deps.mentorLlm ?? deps.llm, {
    role: 'mentor',
    messages,
    ...callHooks(sessionId, idea.id, 'mentor', deps),
  });
  const content = result.content ?? '';
  // A verdict before the policy's required aspects were questioned (in earlier rounds) is recorded, not honoured.
  const policy = policyOf(config);
  const asked = questionedAspects(turns);
  const given = parseVerdict(content);
  const verdict = given && verdictBlockers(policy, asked).length === 0 ? given : null;
  const patch = verdict
    ? { round, phase: 'done' as const, outcome: verdict, decidedBy: 'mentor' as const }
    : round >= config.maxRounds
      ? { round, phase: 'done' as const, outcome: 'round_limit' as const, decidedBy: 'limit' as const }
      : { round, phase: 'answer' as const };
  const meta = {
    aspect: roundAspect(policy, round, asked, content),
    verdict,
    ...(given && !verdict ? { verdictIgnored: given } : {}),
    ...personaMeta(config),
    compaction: level,
  };
  const turn = {
    ideaId: idea.id,
    round,
    kind: 'mentor' as const,
    content,
    toolCalls: [],
    toolCallId: null,
    toolName: null,
  };
  commit(sessionId, deps, idea, [{ ...turn, meta }], patch);
  if (patch.phase === 'done') await syncOne(sessionId, idea.id, deps);
}
