import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScenarioInput } from '../../e2e/scripted-llm/scenario.ts';
import { createLlmClient } from '../llm/client.ts';
import type { LlmClient, LlmClientOptions } from '../llm/client.ts';
import { resolveLlmConfig } from '../llm/config.ts';
import type { LlmSettingsInput } from '../llm/config.ts';

/**
 * Test wiring shared by the llm tests: a scripted server and a real `openai`-backed client pointed at it, with
 * short delays so retry tests stay fast. Not a test double: every request goes over loopback HTTP.
 */

export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5_000 };

export interface Harness {
  server: ScriptedLlm;
  client: LlmClient;
  stop(): Promise<void>;
}

export async function harness(
  scenario: ScenarioInput,
  options: { apiKey?: string; settings?: LlmSettingsInput; client?: LlmClientOptions } = {},
): Promise<Harness> {
  const server = await startScriptedLlm({ scenario, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  const config = resolveLlmConfig(
    { baseUrl: server.baseUrl, model: 'scripted-chat', apiKey: options.apiKey ?? null, ...options.settings },
    {},
  );
  const client = createLlmClient(config, {
    timeoutMs: 2_000,
    idleTimeoutMs: 1_000,
    retry: FAST_RETRY,
    ...options.client,
  });
  return { server, client, stop: () => server.stop() };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: unknown }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string; details?: unknown };
  }
  throw new Error('expected the promise to reject');
}
