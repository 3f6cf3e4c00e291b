import { chat, chatStructured } from '../llm/index.ts';
import { resolveCitations } from './citations.ts';
import type { Citation } from './citations.ts';
import { IdeaSchema } from './idea-schema.ts';
import type { Idea } from './idea-schema.ts';
import { literatureMaxChars } from './literature-tool.ts';
import { loadPrompts } from './prompts.ts';
import { callHooks, commit, syncOne } from './runner-support.ts';
import type { RunnerDeps } from './runner-support.ts';
import { availableTools, executeTool, toolDefinitions } from './tools.ts';
import type { ToolName } from './tools.ts';
import { ideaInstruction, researcherMessages } from './transcript.ts';
import type { IdeaPhase, IdeaRecord, SessionConfig, TurnRecord } from './types.ts';

/** The researcher's two kinds of step: a tool-using turn (exploring or answering) and a structured idea. */

const PREVIOUS_IDEAS_SHOWN = 10;

/** Earlier ideas on the topic (or, for an isolated session, of this session) for the researcher to differ from. */
function previousIdeas(sessionId: string, config: SessionConfig, idea: IdeaRecord, deps: RunnerDeps): Idea[] {
  const scope = config.isolated ? sessionId : undefined;
  return deps.store.previousIdeas(config.topic, idea.id, PREVIOUS_IDEAS_SHOWN, scope);
}

export function sessionTools(config: SessionConfig, deps: RunnerDeps): ToolName[] {
  return availableTools(config.noGraph, deps.graph !== null, deps.literature !== undefined);
}

/** Tool calls of the last researcher turn that have no committed result (a crash between call and result). */
function pendingToolCalls(turns: TurnRecord[]): TurnRecord['toolCalls'] {
  const last = turns.filter((t) => t.kind === 'researcher').at(-1);
  if (!last) return [];
  const answered = new Set(
    turns.filter((t) => t.kind === 'tool' && t.seq > last.seq).map((t) => t.toolCallId),
  );
  return last.toolCalls.filter((c) => !answered.has(c.id));
}

/** Tool-calling researcher turns since the phase began (the last idea, mentor or human turn). */
function toolStepsInPhase(turns: TurnRecord[]): number {
  let steps = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    if (!t || t.kind === 'idea' || t.kind === 'mentor' || t.kind === 'human') break;
    if (t.kind === 'researcher' && t.toolCalls.length > 0) steps += 1;
  }
  return steps;
}

/** FNV-style mix: the same session seed and call id always pick the same random nodes. */
function seedOf(seed: number, callId: string): number {
  let h = seed >>> 0;
  for (const ch of callId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h >>> 0;
}

async function answerTools(
  sessionId: string,
  config: SessionConfig,
  idea: IdeaRecord,
  deps: RunnerDeps,
  offered: readonly ToolName[],
): Promise<void> {
  for (const call of pendingToolCalls(deps.store.turns(sessionId, idea.id))) {
    const outcome = await executeTool(call, {
      store: deps.graph,
      ...(deps.literature ? { literature: deps.literature } : {}),
      offered,
      maxResultChars: config.maxToolResultChars,
      literatureView: {
        mode: config.literature,
        maxChars: config.literature ? literatureMaxChars(config) : config.maxToolResultChars,
      },
      seedFor: (id) => seedOf(config.seed, id),
      signal: deps.signal,
    });
    const meta = { ok: outcome.ok, ...(outcome.source ? { source: outcome.source } : {}) };
    const turn = { ideaId: idea.id, round: idea.round, kind: 'tool' as const, content: outcome.content };
    commit(
      sessionId,
      deps,
      idea,
      [{ ...turn, toolCalls: [], toolCallId: call.id, toolName: call.name, meta }],
      {},
    );
  }
}

export async function researcherTurn(
  sessionId: string,
  config: SessionConfig,
  idea: IdeaRecord,
  deps: RunnerDeps,
): Promise<void> {
  const offered = sessionTools(config, deps);
  const turns = deps.store.turns(sessionId, idea.id);
  if (pendingToolCalls(turns).length > 0) return answerTools(sessionId, config, idea, deps, offered);
  // Past the step limit no tools are offered, so the researcher has to write its answer.
  const tools = toolStepsInPhase(turns) < config.maxToolSteps ? offered : [];
  const { messages, level } = researcherMessages({
    config,
    prompts: loadPrompts(config.researcherPrompt),
    previous: previousIdeas(sessionId, config, idea, deps),
    turns,
    round: idea.round,
    graphTools: offered.includes('node_search'),
  });
  const result = await chat(deps.llm, {
    role: 'researcher',
    messages,
    ...(tools.length ? { tools: toolDefinitions(tools) } : {}),
    ...callHooks(sessionId, idea.id, 'researcher', deps),
  });
  const calls = result.toolCalls;
  const next: IdeaPhase = idea.phase === 'explore' ? 'draft' : 'revise';
  const meta = { compaction: level, model: result.model };
  const turn = {
    ideaId: idea.id,
    round: idea.round,
    kind: 'researcher' as const,
    content: result.content ?? '',
  };
  // Tool calls keep the phase; calls made when none were offered get error results and the phase moves on.
  const patch = calls.length > 0 && tools.length > 0 ? {} : { phase: next };
  commit(
    sessionId,
    deps,
    idea,
    [{ ...turn, toolCalls: calls, toolCallId: null, toolName: null, meta }],
    patch,
  );
  if (calls.length > 0) await answerTools(sessionId, config, deps.store.idea(idea.id), deps, tools);
}

async function citationsOf(idea: Idea, deps: RunnerDeps): Promise<Citation[]> {
  try {
    return await resolveCitations(idea, deps.graph);
  } catch {
    // The idea is paid for: a graph that cannot be read must not lose it. The refs stay unchecked.
    return (await resolveCitations(idea, null)).map((c) => ({ ...c, status: 'unchecked' as const }));
  }
}

export async function ideaTurn(
  sessionId: string,
  config: SessionConfig,
  idea: IdeaRecord,
  deps: RunnerDeps,
): Promise<void> {
  const version = idea.currentVersion + 1;
  const prompts = loadPrompts(config.researcherPrompt);
  const { messages, level } = researcherMessages({
    config,
    prompts,
    previous: previousIdeas(sessionId, config, idea, deps),
    turns: deps.store.turns(sessionId, idea.id),
    round: idea.round,
    graphTools: sessionTools(config, deps).includes('node_search'),
    instruction: ideaInstruction(prompts, version),
  });
  const result = await chatStructured(deps.llm, IdeaSchema, {
    role: 'researcher',
    messages,
    schemaName: 'research_idea',
    maxRepairs: 2,
    ...callHooks(sessionId, idea.id, 'researcher', deps),
  });
  const citations = await citationsOf(result.value, deps);
  const missing = citations.filter((c) => c.status === 'missing').map((c) => c.ref);
  const done = config.noMentor;
  const meta = { version, repairs: result.repairs, missingCitations: missing, compaction: level };
  const content = JSON.stringify(result.value, null, 2);
  commit(
    sessionId,
    deps,
    idea,
    [
      {
        ideaId: idea.id,
        round: idea.round,
        kind: 'idea',
        content,
        toolCalls: [],
        toolCallId: null,
        toolName: null,
        meta,
      },
    ],
    {
      currentVersion: version,
      phase: done ? 'done' : 'mentor',
      ...(done ? { outcome: 'unreviewed' as const } : {}),
    },
    ([turn]) =>
      deps.store.addVersion(idea.id, version, result.value, citations, turn?.seq ?? 0, result.repairs),
  );
  await syncOne(sessionId, idea.id, deps);
}
