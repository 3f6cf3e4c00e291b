import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../llm/index.ts';
import { extractRefs, nodeRef } from './citations.ts';
import { estimateMessagesTokens } from './compaction.ts';
import { availableTools, executeTool } from './tools.ts';
import { worstCaseCalls } from './estimate.ts';
import type { Idea } from './idea-schema.ts';
import { DEFAULT_CONFIG } from './session-config.ts';
import { loadPrompts, parseSections, render } from './prompts.ts';
import { aspectOf, mentorMessages, researcherMessages } from './transcript.ts';
import type { SessionConfig, TurnRecord } from './types.ts';
import { parseVerdict } from './verdict.ts';

const idea: Idea = {
  name: 'test_idea',
  title: 'A test idea',
  motivation:
    'Rests on kg:problem:Scientific_idea_generation. and kg:solution:Graph_RAG, see also kg:Problem:Scientific_idea_generation',
  related_work: 'Si et al., 2024.',
  abstract: 'An abstract long enough for the schema to accept it.',
  method: ['Use kg:challenge:Limited_novelty_in_generated_research_ideas'],
  experiment_plan: { data: 'd', baselines: 'b', metrics: 'm', ablations: 'a' },
  risks: 'r',
};

const config: SessionConfig = {
  ...DEFAULT_CONFIG,
  topic: 'graph ideation',
  seed: 1,
  promptBudgetTokens: 3_000,
};

let seq = 0;
function turn(
  kind: TurnRecord['kind'],
  round: number,
  content: string,
  extra: Partial<TurnRecord> = {},
): TurnRecord {
  seq += 1;
  return {
    sessionId: 's',
    seq,
    ideaId: 'i',
    round,
    kind,
    content,
    toolCalls: [],
    toolCallId: null,
    toolName: null,
    meta: {},
    createdAt: '',
    ...extra,
  };
}

/** Eight rounds, each with a big tool result, a long answer and a full idea version. */
function longTranscript(): TurnRecord[] {
  const turns: TurnRecord[] = [];
  const big = 'x'.repeat(3_000);
  for (let round = 0; round <= 8; round++) {
    if (round > 0)
      turns.push(
        turn('mentor', round, `Question ${round}? ${big.slice(0, 600)}`, {
          meta: { aspect: aspectOf(round) },
        }),
      );
    const id = `call-${round}`;
    turns.push(
      turn('researcher', round, '', { toolCalls: [{ id, name: 'node_search', arguments: '{"query":"q"}' }] }),
    );
    turns.push(turn('tool', round, big, { toolCallId: id, toolName: 'node_search' }));
    turns.push(turn('researcher', round, `Answer ${round}: ${big.slice(0, 1_500)}`));
    turns.push(
      turn('idea', round, JSON.stringify({ ...idea, motivation: big }), { meta: { version: round + 1 } }),
    );
  }
  return turns;
}

function toolPairsValid(messages: ChatMessage[]): boolean {
  return messages.every((m, i) => {
    if (m.role !== 'tool') return true;
    const before = messages
      .slice(0, i)
      .reverse()
      .find((x) => x.role === 'assistant');
    return before?.role === 'assistant' && (before.tool_calls ?? []).some((c) => c.id === m.tool_call_id);
  });
}

describe('ideator units', () => {
  it('reads only a final uppercase ACCEPT or REJECT as a verdict', () => {
    expect(parseVerdict('Good.\nACCEPT')).toBe('accepted');
    expect(parseVerdict('Unresolved. **REJECT**.')).toBe('rejected');
    expect(parseVerdict('Would you ACCEPT that the data exist?')).toBeNull();
    expect(parseVerdict('I accept')).toBeNull();
  });

  it('extracts distinct kg refs without trailing punctuation', () => {
    expect(extractRefs(idea).map((r) => r.ref)).toEqual([
      'kg:problem:Scientific_idea_generation',
      'kg:solution:Graph_RAG',
      'kg:challenge:Limited_novelty_in_generated_research_ideas',
    ]);
    expect(nodeRef('Solution', 'Graph  RAG method')).toBe('kg:solution:Graph_RAG_method');
  });

  it('loads versioned prompts whose system messages carry the role tags', () => {
    expect(render(loadPrompts('researcher.v1'), 'system', { topic: 't', tools: '' })).toContain(
      '[role:researcher]',
    );
    expect(render(loadPrompts('mentor.v1'), 'system')).toContain('[role:mentor]');
    expect(() => render(parseSections('## a\nHi {{who}}'), 'a')).toThrow(/who/);
    expect(() => loadPrompts('researcher.v9')).toThrow(/missing/);
  });

  it('cycles the mentor aspects from clarity', () => {
    expect([1, 2, 3, 4, 5].map(aspectOf)).toEqual([
      'clarity',
      'innovation',
      'feasibility',
      'rationality',
      'clarity',
    ]);
  });

  it('keeps every researcher call within the prompt budget, with tool calls still paired', () => {
    const turns = longTranscript();
    const prompts = loadPrompts('researcher.v1');
    const sizes: number[] = [];
    for (let round = 1; round <= 8; round++) {
      const upTo = turns.filter((t) => t.round <= round);
      const { messages, level } = researcherMessages({
        graphTools: true,
        config,
        prompts,
        previous: [idea],
        turns: upTo,
        round,
        instruction: 'Write JSON',
      });
      expect(toolPairsValid(messages)).toBe(true);
      expect(messages[0]?.content).toContain('[role:researcher]');
      expect(messages.at(-1)?.content).toBe('Write JSON');
      if (round > 2) expect(level).toBeGreaterThan(0);
      sizes.push(estimateMessagesTokens(messages));
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(config.promptBudgetTokens);
    // Deterministic: the same turns give the same prompt.
    const lateRound = { graphTools: true, config, prompts, previous: [idea], turns, round: 8 };
    expect(researcherMessages(lateRound)).toEqual(researcherMessages(lateRound));
  });

  it('keeps a tool result next to its call even when a human turn was committed in between', () => {
    const call = { id: 'c9', name: 'node_search', arguments: '{}' };
    const turns = [
      turn('researcher', 0, '', { toolCalls: [call] }),
      turn('human', 0, 'Look at robotics too'),
      turn('tool', 0, '{"items":[]}', { toolCallId: 'c9', toolName: 'node_search' }),
    ];
    const { messages } = researcherMessages({
      graphTools: true,
      config,
      prompts: loadPrompts('researcher.v1'),
      previous: [],
      turns,
      round: 0,
    });
    expect(messages.slice(2).map((m) => m.role)).toEqual(['assistant', 'tool', 'user']);
    expect(toolPairsValid(messages)).toBe(true);
  });

  it('keeps every mentor call within the budget and keeps the latest question', () => {
    const turns = longTranscript();
    const latest = {
      ideaId: 'i',
      version: 9,
      idea,
      citations: [],
      missingCitations: ['kg:problem:Nope'],
      turnSeq: 1,
      repairs: 0,
      createdAt: '',
    };
    const { messages } = mentorMessages({
      config,
      prompts: loadPrompts('mentor.v1'),
      turns,
      latest,
      round: 8,
    });
    expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(config.promptBudgetTokens);
    const text = String(messages[1]?.content);
    expect(text).toContain('Question 8?');
    expect(text).toContain('kg:problem:Nope');
    expect(text).toContain('This is the last round');
  });

  it('offers graph tools only with a graph and without the no-graph ablation', () => {
    expect(availableTools(false, true, false)).toEqual([
      'node_search',
      'node_relation',
      'get_random_nodes',
      'literature_search',
    ]);
    expect(availableTools(true, true, false)).toEqual([]);
    expect(availableTools(true, true, true)).toEqual(['literature_search']);
    expect(availableTools(false, false, false)).toEqual([]);
  });

  it('asks the literature provider first and falls back when it fails or is not offered', async () => {
    const call = { id: 'c1', name: 'literature_search', arguments: '{"query":"ideas"}' };
    const base = { store: null, maxResultChars: 2_000, seedFor: () => 1 };
    const provider = async () => ({
      source: 'semantic-scholar',
      papers: [{ title: 'Idea paper', authors: ['A', 'B', 'C', 'D'], year: 2024 }],
    });
    const ok = await executeTool(call, { ...base, offered: ['literature_search'], literature: provider });
    expect(ok).toMatchObject({ ok: true, source: 'semantic-scholar' });
    expect(ok.content).toContain('A, B, C et al.');
    const failing = async (): Promise<never> => {
      throw new Error('HTTP 429');
    };
    const down = await executeTool(call, { ...base, offered: ['literature_search'], literature: failing });
    expect(down).toMatchObject({ ok: false });
    expect(down.content).toContain('HTTP 429');
    const refused = await executeTool(call, { ...base, offered: ['node_search'] });
    expect(refused.content).toContain('not available in this session');
  });

  it('bounds the worst-case number of calls', () => {
    expect(worstCaseCalls({ ideas: 1, maxRounds: 1, noGraph: true, noMentor: true, maxToolSteps: 6 })).toBe(
      1,
    );
    expect(worstCaseCalls({ ideas: 2, maxRounds: 2, noGraph: true, noMentor: false, maxToolSteps: 6 })).toBe(
      2 * (1 + 3 + 1),
    );
    // A fork deliberates a copied version: 5 rounds of question, answer (7 steps), revision, bar the last two.
    const shape = { ideas: 1, maxRounds: 5, noGraph: false, noMentor: false, maxToolSteps: 6 };
    expect(worstCaseCalls(shape, { forked: true })).toBe(4 * (1 + 7 + 1) + 1);
    expect(worstCaseCalls(shape)).toBe(7 + 1 + 4 * (1 + 7 + 1) + 1);
  });
});
