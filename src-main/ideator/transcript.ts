import { assistantMessage, type ChatMessage } from '../llm/index.ts';
import { compact } from './compaction.ts';
import type { Block } from './compaction.ts';
import { clipText } from './compaction.ts';
import type { Idea } from './idea-schema.ts';
import { ideaToMarkdown } from './idea-schema.ts';
import { inspirationBlock } from './inspiration.ts';
import { aspectOf } from './mentor-policy.ts';
import { mentorFraming } from './mentor-framing.ts';
import { render } from './prompts.ts';
import type { PromptSections } from './prompts.ts';
import type { IdeaVersionRecord, SessionConfig, TurnRecord } from './types.ts';

/**
 * Rebuilds each agent's prompt from the committed turns alone, so a resumed process asks exactly what the
 * crashed one would have asked next. The researcher sees the dialogue as a chat (mentor and human turns as user
 * messages); the mentor sees one message with the current idea and the dialogue so far.
 */

export { ASPECTS, aspectOf } from './mentor-policy.ts';
export type { Aspect } from './mentor-policy.ts';

const SUMMARY_CHARS = 200;

function previousList(prompts: PromptSections, previous: Idea[]): string {
  if (previous.length === 0) return '';
  const list = previous
    .map((idea) => `- ${idea.title} (${idea.name}): ${clipText(idea.abstract, 300)}`)
    .join('\n');
  return render(prompts, 'previous', { list });
}

/** The user's chosen methods as a quoted data block; empty for sessions without any (and for researcher.v1). */
function inspirationText(prompts: PromptSections, config: SessionConfig): string {
  const methods = config.inspiration ?? [];
  if (methods.length === 0 || !prompts.has('inspiration')) return '';
  return render(prompts, 'inspiration', { methods: inspirationBlock(methods) });
}

function researcherHead(p: ResearcherPrompt): ChatMessage[] {
  const { config, prompts, previous } = p;
  const tools = render(prompts, p.graphTools ? 'tools-on' : 'tools-off');
  const task = render(prompts, p.graphTools ? 'explore' : 'explore-no-tools', {
    previous: previousList(prompts, previous),
    inspiration: inspirationText(prompts, config),
  });
  return [
    { role: 'system', content: render(prompts, 'system', { topic: config.topic, tools }) },
    { role: 'user', content: task },
  ];
}

export function ideaInstruction(prompts: PromptSections, version: number): string {
  return version <= 1 ? render(prompts, 'draft') : render(prompts, 'revise', { version });
}

/** Groups turns into blocks: an assistant tool-call turn together with the tool results that answer it. */
function researcherBlocks(prompts: PromptSections, turns: TurnRecord[]): Block[] {
  const latestIdeaSeq = turns.filter((t) => t.kind === 'idea').at(-1)?.seq;
  const blocks: Block[] = [];
  const byCallId = new Map<string, Block>();
  for (const turn of turns) {
    const round = turn.round;
    switch (turn.kind) {
      case 'researcher': {
        const message = assistantMessage({
          content: turn.content === '' && turn.toolCalls.length > 0 ? null : turn.content,
          toolCalls: turn.toolCalls,
        });
        const tools = turn.toolCalls.map((c) => `${c.name}(${clipText(c.arguments, 80)})`).join(', ');
        const block: Block = {
          round,
          messages: [message],
          role: turn.toolCalls.length > 0 ? 'tools' : 'other',
          summary: tools
            ? `researcher used tools: ${tools}`
            : `researcher: ${clipText(turn.content, SUMMARY_CHARS)}`,
        };
        for (const call of turn.toolCalls) byCallId.set(call.id, block);
        blocks.push(block);
        break;
      }
      case 'tool': {
        // Attached to the call it answers, even if a human turn was committed while the tool ran.
        const owner = byCallId.get(turn.toolCallId ?? '');
        const message: ChatMessage = {
          role: 'tool',
          tool_call_id: turn.toolCallId ?? '',
          content: turn.content,
        };
        owner?.messages.push(message);
        break;
      }
      case 'idea': {
        const version = Number(turn.meta.version ?? 1);
        const forked = turn.meta.forked === true;
        blocks.push({
          round,
          messages: [
            ...(forked ? [] : [{ role: 'user' as const, content: ideaInstruction(prompts, version) }]),
            { role: 'assistant', content: turn.content },
          ],
          role: turn.seq === latestIdeaSeq ? 'latest-idea' : 'idea',
          summary: `idea version ${version}`,
        });
        break;
      }
      case 'mentor':
        blocks.push({
          round,
          messages: [
            {
              role: 'user',
              content: `Mentor (round ${round}, ${String(turn.meta.aspect ?? aspectOf(round))}):\n${turn.content}`,
            },
          ],
          role: 'other',
          summary: `mentor round ${round} (${String(turn.meta.aspect ?? aspectOf(round))}): ${clipText(turn.content, SUMMARY_CHARS)}`,
        });
        break;
      case 'human':
        blocks.push({
          round,
          messages: [{ role: 'user', content: `Human mentor:\n${turn.content}` }],
          role: 'other',
          summary: `human mentor: ${clipText(turn.content, SUMMARY_CHARS)}`,
        });
        break;
      case 'note':
        if (turn.meta.forDialogue === true) {
          blocks.push({
            round,
            messages: [{ role: 'user', content: turn.content }],
            role: 'other',
            summary: clipText(turn.content, SUMMARY_CHARS),
          });
        }
        break;
    }
  }
  return blocks;
}

export interface ResearcherPrompt {
  config: SessionConfig;
  prompts: PromptSections;
  previous: Idea[];
  turns: TurnRecord[];
  round: number;
  /** Whether the graph tools are offered (not under the no-graph ablation, and a graph exists). */
  graphTools: boolean;
  /** The instruction for a structured idea call; absent for a tool-using turn. */
  instruction?: string;
}

export function researcherMessages(p: ResearcherPrompt): { messages: ChatMessage[]; level: number } {
  const head = researcherHead(p);
  const tail: ChatMessage[] = p.instruction ? [{ role: 'user', content: p.instruction }] : [];
  return compact(head, researcherBlocks(p.prompts, p.turns), tail, p.round, p.config.promptBudgetTokens);
}

export interface MentorPrompt {
  config: SessionConfig;
  prompts: PromptSections;
  turns: TurnRecord[];
  latest: IdeaVersionRecord;
  round: number;
}

/** The dialogue as the mentor reads it: questions and the researcher's prose answers, no tool traffic. */
function dialogueEntries(turns: TurnRecord[]): string[] {
  return turns.flatMap((t) => {
    if (t.kind === 'mentor')
      return [`Mentor (round ${t.round}, ${String(t.meta.aspect ?? aspectOf(t.round))}): ${t.content}`];
    if (t.kind === 'human') return [`Human mentor: ${t.content}`];
    if (t.kind === 'researcher' && t.round > 0 && t.content.trim() !== '')
      return [`Researcher: ${t.content}`];
    return [];
  });
}

export function mentorMessages(p: MentorPrompt): { messages: ChatMessage[]; level: number } {
  const missing = p.latest.missingCitations;
  const framing = mentorFraming(p);
  const build = (entries: string[], omitted: number, ideaText: string): ChatMessage[] => {
    const turnsText = [...(omitted > 0 ? [`(${omitted} earlier exchanges omitted)`] : []), ...entries].join(
      '\n\n',
    );
    const content = render(p.prompts, 'round', {
      topic: p.config.topic,
      version: p.latest.version,
      idea: framing.quote(ideaText),
      citations:
        missing.length > 0 ? render(p.prompts, 'missing-citations', { refs: missing.join(', ') }) : '',
      dialogue:
        entries.length + omitted > 0
          ? render(p.prompts, 'dialogue', { turns: framing.quote(turnsText) })
          : '',
      round: p.round,
      maxRounds: p.config.maxRounds,
      ...framing.round,
    });
    return [
      { role: 'system', content: framing.system },
      { role: 'user', content },
    ];
  };
  const budgetChars = p.config.promptBudgetTokens * 4;
  const ideaText = ideaToMarkdown(p.latest.idea);
  let entries = dialogueEntries(p.turns);
  let messages = build(entries, 0, ideaText);
  if (JSON.stringify(messages).length <= budgetChars) return { messages, level: 0 };
  // Older exchanges shrink first, then drop oldest first; the idea itself is cut only as the last resort.
  entries = entries.map((e, i) => (i < entries.length - 2 ? clipText(e, SUMMARY_CHARS) : e));
  messages = build(entries, 0, ideaText);
  let omitted = 0;
  while (JSON.stringify(messages).length > budgetChars && entries.length > 1) {
    entries = entries.slice(1);
    omitted += 1;
    messages = build(entries, omitted, ideaText);
  }
  if (JSON.stringify(messages).length <= budgetChars) return { messages, level: omitted > 0 ? 2 : 1 };
  const overflow = JSON.stringify(messages).length - budgetChars;
  return {
    messages: build(entries, omitted, clipText(ideaText, Math.max(500, ideaText.length - overflow - 100))),
    level: 3,
  };
}
