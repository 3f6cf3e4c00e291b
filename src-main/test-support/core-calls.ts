import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Reply } from '../contract/envelope.ts';
import type { EventName } from '../contract/events.ts';
import type { Core } from '../core/create-core.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Transport } from '../core/handler-table.ts';

export type ChannelCall = (channel: string, payload: unknown) => Promise<Reply<unknown>>;

/** A channel called the way a transport calls it (through dispatch); the reply comes back as it is. */
export function channelCaller(core: Core, transport: Transport = 'ipc'): ChannelCall {
  return (channel, payload) => dispatch(core.handlers, channel, payload, { transport });
}

/** The value of a successful reply, typed by the caller; an error reply fails the test with its code and message. */
export function resultCaller(call: ChannelCall): <T>(channel: string, payload: unknown) => Promise<T> {
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const reply = await call(channel, payload);
    if ('error' in reply) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  };
}

/** Every payload the core emits under one event name from now on, in order (typed by the caller). */
export function recordEvents<Payload>(core: Core, name: EventName): Payload[] {
  const payloads: Payload[] = [];
  core.events.subscribe((emitted: EventName, payload) => {
    if (emitted === name) payloads.push(payload as Payload);
  });
  return payloads;
}

/** The environment of a core on `dataDir` whose LLM endpoint is the scripted server. */
export function scriptedLlmEnv(dataDir: string, server: ScriptedLlm): NodeJS.ProcessEnv {
  return { MOTIV_DATA_DIR: dataDir, MOTIV_LLM_BASE_URL: server.baseUrl, MOTIV_LLM_MODEL: 'scripted-chat' };
}

/**
 * One mentor-less idea on the test topic, started through `ideator.start` and waited for (`settled`): the
 * session's detail as `ideator.get` returns it, and the idea's id.
 */
export async function mentorlessDraft<Detail extends { ideas: Array<{ id: string }> }>(
  ok: <T>(channel: string, payload: unknown) => Promise<T>,
  settled: (sessionId: string) => Promise<void>,
): Promise<{ sessionId: string; ideaId: string; detail: Detail }> {
  const { id: sessionId } = await ok<{ id: string }>('ideator.start', {
    topic: 'LLM research ideation',
    ideas: 1,
    noMentor: true,
  });
  await settled(sessionId);
  const detail = await ok<Detail>('ideator.get', { sessionId });
  return { sessionId, ideaId: detail.ideas[0]?.id ?? '', detail };
}
