import { afterEach } from 'vitest';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Core } from '../core/create-core.ts';

export interface OpenCore {
  core?: Core;
  server?: ScriptedLlm;
}

/**
 * The core and scripted LLM a core integration test opens, closed after each test (core first: it may still be
 * talking to the server) whatever the test's outcome.
 */
export function useOpenCore(): OpenCore {
  const open: OpenCore = {};
  afterEach(async () => {
    await open.core?.close();
    await open.server?.stop();
    delete open.core;
    delete open.server;
  });
  return open;
}
