import type { ChatMessage } from '../llm/index.ts';

/**
 * Keeps a call's prompt within the budget (tokens estimated as chars / 4) by deterministic steps, cheapest
 * loss first: trim old tool results, stub superseded idea versions, fold older rounds into one summary message,
 * and finally cut the longest texts. Tool calls and their results stay paired so the request remains valid.
 */

export interface Block {
  /** 0 = exploration; n = deliberation round n. */
  round: number;
  messages: ChatMessage[];
  /** One line for the summary that replaces this block when its round is folded. */
  summary: string;
  /** Tool exchange, superseded idea version, the latest idea version: what each step may shorten. */
  role: 'tools' | 'idea' | 'latest-idea' | 'other';
}

export const estimateMessagesTokens = (messages: ChatMessage[]): number =>
  Math.ceil(JSON.stringify(messages).length / 4);

const KEEP_RECENT_TOOL_BLOCKS = 2;
const TRIMMED_TOOL_CHARS = 240;

function textOf(message: ChatMessage): string {
  return typeof message.content === 'string' ? message.content : '';
}

export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 12))} …[trimmed]`;
}

function withText(message: ChatMessage, text: string): ChatMessage {
  return { ...message, content: text } as ChatMessage;
}

function trimOldTools(blocks: Block[]): Block[] {
  const toolIndexes = blocks.flatMap((b, i) => (b.role === 'tools' ? [i] : []));
  const keep = new Set(toolIndexes.slice(-KEEP_RECENT_TOOL_BLOCKS));
  return blocks.map((b, i) =>
    b.role !== 'tools' || keep.has(i)
      ? b
      : {
          ...b,
          messages: b.messages.map((m) =>
            m.role === 'tool' ? withText(m, clipText(textOf(m), TRIMMED_TOOL_CHARS)) : m,
          ),
        },
  );
}

function stubOldIdeas(blocks: Block[]): Block[] {
  return blocks.map((b) =>
    b.role !== 'idea'
      ? b
      : {
          ...b,
          messages: b.messages.map((m) =>
            m.role === 'assistant' ? withText(m, `[${b.summary}: superseded by a later version]`) : m,
          ),
        },
  );
}

function foldOldRounds(blocks: Block[], currentRound: number): { summary: string | null; blocks: Block[] } {
  const old = blocks.filter((b) => b.round < currentRound && b.role !== 'latest-idea');
  if (old.length === 0) return { summary: null, blocks };
  const summary = `Summary of the earlier discussion (older turns were shortened to fit the prompt budget):\n${old
    .map((b) => `- ${b.summary}`)
    .join('\n')}`;
  return { summary, blocks: blocks.filter((b) => !old.includes(b)) };
}

function cutLongest(messages: ChatMessage[], budget: number): ChatMessage[] {
  const out = [...messages];
  for (let guard = 0; guard < 200 && estimateMessagesTokens(out) > budget; guard++) {
    let longest = -1;
    let length = 400;
    out.forEach((m, i) => {
      const n = textOf(m).length;
      if (n > length) {
        longest = i;
        length = n;
      }
    });
    const victim = longest >= 0 ? out[longest] : undefined;
    if (!victim) break;
    out[longest] = withText(victim, clipText(textOf(victim), Math.floor(length / 2)));
  }
  return out;
}

/** `head` (system + task) is always kept; `tail` is the instruction for this call. */
export function compact(
  head: ChatMessage[],
  blocks: Block[],
  tail: ChatMessage[],
  currentRound: number,
  budget: number,
): { messages: ChatMessage[]; level: number } {
  const assemble = (summary: string | null, list: Block[]): ChatMessage[] => [
    ...head,
    ...(summary ? [{ role: 'user' as const, content: summary }] : []),
    ...list.flatMap((b) => b.messages),
    ...tail,
  ];
  let current = blocks;
  let messages = assemble(null, current);
  if (estimateMessagesTokens(messages) <= budget) return { messages, level: 0 };
  current = trimOldTools(current);
  messages = assemble(null, current);
  if (estimateMessagesTokens(messages) <= budget) return { messages, level: 1 };
  current = stubOldIdeas(current);
  messages = assemble(null, current);
  if (estimateMessagesTokens(messages) <= budget) return { messages, level: 2 };
  const folded = foldOldRounds(current, currentRound);
  messages = assemble(folded.summary, folded.blocks);
  if (estimateMessagesTokens(messages) <= budget) return { messages, level: 3 };
  return { messages: cutLongest(messages, budget), level: 4 };
}
