import { afterEach } from 'vitest';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Core } from '../core/create-core.ts';

interface Stoppable {
  stop(): Promise<void>;
}

export interface OpenCore<Server extends Stoppable = ScriptedLlm> {
  core?: Core;
  server?: Server;
}

/**
 * The core and scripted LLM (or other stand-in server) a core integration test opens, closed after each test (core first: it may still be
 * talking to the server) whatever the test's outcome.
 */
export function useOpenCore<Server extends Stoppable = ScriptedLlm>(): OpenCore<Server> {
  const open: OpenCore<Server> = {};
  afterEach(async () => {
    await open.core?.close();
    await open.server?.stop();
    delete open.core;
    delete open.server;
  });
  return open;
}
