import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { UsageLedger } from '../llm/index.ts';
import { clientFor, scenarioFile, seedGraph } from '../test-support/ideator-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { IdeatorManager } from './manager.ts';

/**
 * Issue 11: an unexpected fault (not an AppError) fails the session with "Internal error (id …)"; its raw message,
 * which may hold a path or a key, goes to the log only, under the same id.
 */

const tempDir = useTempDirs();
const startServer = stopAfterEach(startScriptedLlm);

const RAW = `ENOENT: open '/home/alice/secret-project/usage.db' (key sk-live-abcdef123456)`;

describe('an unexpected fault in an ideation session', () => {
  it('is stored and published as "Internal error (id …)"; the log has the raw message under that id', async () => {
    const dataDir = tempDir();
    const server = await startServer({ scenario: scenarioFile('no-mentor') });
    const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
    onTestFinished(() => graph.close());
    const logged: Array<{ message: string; fields: Record<string, unknown> }> = [];
    const record = (message: string, fields: Record<string, unknown> = {}): void => {
      logged.push({ message, fields });
    };
    // The app's usage ledger: a listener of it fails with a raw fault (a file it could not write).
    const usage = new UsageLedger();
    usage.onEntry(() => {
      throw new Error(RAW);
    });
    const events: unknown[] = [];
    const manager = new IdeatorManager({
      dataDir,
      llm: clientFor(server, usage),
      graph,
      onEvent: (e) => events.push(e),
      log: { warn: record, error: record },
      actor: 'test',
      defaults: { seed: 7 },
    });
    const { id } = manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    const settled = await manager.whenSettled(id);
    expect(settled.status).toBe('failed');
    const error = manager.get(id).session.error;
    const errorId = /^Internal error \(id ([0-9a-f]{8})\); see the log$/.exec(error?.message ?? '')?.[1];
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(errorId).toBeDefined();
    const shown = JSON.stringify([manager.get(id), manager.list(), events]);
    expect(shown).not.toMatch(/alice|secret-project|sk-live|ENOENT/);
    const entry = logged.find((l) => l.fields['errorId'] === errorId);
    expect(entry?.message).toBe('ideation session failed');
    expect(JSON.stringify(entry?.fields)).toContain('/home/alice/secret-project/usage.db');
  });
});
