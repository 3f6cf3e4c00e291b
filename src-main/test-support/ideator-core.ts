import { join } from 'node:path';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { IdeatorEventPayload } from '../contract/ideator.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { channelCaller, recordEvents, resultCaller, scriptedLlmEnv, type ChannelCall } from './core-calls.ts';
import { scenarioFile, seedGraph, waitFor } from './ideator-harness.ts';
import type { OpenCore } from './open-core.ts';

export interface IdeatorCore {
  core: Core;
  server: ScriptedLlm;
  /** Every `ideator.event` from the start, in order. */
  events: IdeatorEventPayload[];
  call: ChannelCall;
  ok: <T>(channel: string, payload: unknown) => Promise<T>;
}

/**
 * A core on `dataDir`, its graph seeded with the ideator's test nodes, whose LLM is the scripted server playing
 * the ideator scenario `scenario` (`ideator-<scenario>.json`); `env` adds to or overrides the core's environment.
 * Core and server are kept in `open`, which closes them after the test.
 */
export async function openIdeatorCore(
  open: OpenCore,
  dataDir: string,
  scenario: string,
  env: NodeJS.ProcessEnv = {},
): Promise<IdeatorCore> {
  await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
  const server = await startScriptedLlm({ scenario: scenarioFile(scenario) });
  open.server = server;
  const core = createCore({ env: { ...scriptedLlmEnv(dataDir, server), ...env } });
  open.core = core;
  const events = recordEvents<IdeatorEventPayload>(core, 'ideator.event');
  const call = channelCaller(core);
  return { core, server, events, call, ok: resultCaller(call) };
}

/** Resolves once `events` holds a status event for `sessionId` with one of `statuses` (the session settled). */
export const statusReached = (
  events: readonly IdeatorEventPayload[],
  sessionId: string,
  statuses: readonly string[],
  timeoutMs = 10_000,
): Promise<void> =>
  waitFor(
    () => events.some((e) => e.type === 'status' && e.sessionId === sessionId && statuses.includes(e.status)),
    timeoutMs,
  );
