import type { StepMatch } from './scenario.ts';

export type Endpoint = 'chat' | 'embeddings' | 'models';

/** The tag an agent's system prompt carries so a scenario can tell the researcher from the mentor. */
export function roleTag(role: string): string {
  return `[role:${role}]`;
}

interface MessageLike {
  role?: unknown;
  content?: unknown;
}

/** Text of a message whether content is a string or an array of `{ type: 'text', text }` parts. */
export function messageText(message: MessageLike): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  return '';
}

function messagesOf(body: Record<string, unknown>): MessageLike[] {
  return Array.isArray(body.messages) ? (body.messages as MessageLike[]) : [];
}

export function stepMatches(match: StepMatch, endpoint: Endpoint, body: Record<string, unknown>): boolean {
  if (match === 'any') return endpoint === 'chat';
  if ((match.endpoint ?? 'chat') !== endpoint) return false;
  const messages = messagesOf(body);
  if (match.role !== undefined) {
    const tag = roleTag(match.role);
    const tagged = messages.some(
      (m) => (m.role === 'system' || m.role === 'developer') && messageText(m).includes(tag),
    );
    if (!tagged) return false;
  }
  if (match.contains !== undefined) {
    const needle = match.contains;
    if (!messages.some((m) => messageText(m).includes(needle))) return false;
  }
  if (match.lastMessageRole !== undefined && messages.at(-1)?.role !== match.lastMessageRole) return false;
  if (match.model !== undefined && body.model !== match.model) return false;
  if (match.stream !== undefined && (body.stream === true) !== match.stream) return false;
  if (match.structured !== undefined) {
    const format = body.response_format as { type?: unknown } | undefined;
    if ((format?.type === 'json_schema') !== match.structured) return false;
  }
  return true;
}
