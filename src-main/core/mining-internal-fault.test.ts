import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { MiningEventPayload } from '../contract/mining.ts';
import { PaperTextStore } from '../papers/paper-text-store.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { miningScenario, seedPapersIn } from '../test-support/mining-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';

/**
 * Issue 11: an unexpected fault while mining (here a hostile paper-text file, whose parse error quotes the file)
 * is stored on the paper and shown in the list, the report and the events only as "Internal error (id …)"; the
 * raw message is in motiv.log under that id.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

describe('an unexpected fault in a mining job', () => {
  it('never reaches mining.list, mining.report or mining.event; the log has it under the same id', async () => {
    const dataDir = tempDir();
    const [paperId = ''] = await seedPapersIn(dataDir, ['replay']);
    const texts = new PaperTextStore(dataDir);
    mkdirSync(texts.dir, { recursive: true });
    writeFileSync(join(texts.dir, `${paperId.replace(/:/g, '_')}.json`), '/home/alice/secret-project/notes');
    open.server = await startScriptedLlm({ scenario: miningScenario('concurrent') });
    const core = createCore({
      env: { MOTIV_DATA_DIR: dataDir, MOTIV_LLM_BASE_URL: open.server.baseUrl, MOTIV_LLM_MODEL: 'm' },
    });
    open.core = core;
    const events = recordEvents<MiningEventPayload>(core, 'mining.event');
    const ok = resultCaller(channelCaller(core));

    const job = await ok<{ id: string }>('mining.start', { paperIds: [paperId] });
    await waitFor(() => events.some((e) => e.type === 'status' && e.status !== 'running'), 20_000);
    const listed = await ok<unknown[]>('mining.list', {});
    const report = await ok<{ outcomes: Array<{ message?: string }> }>('mining.report', { jobId: job.id });
    const shown = JSON.stringify([listed, report, events]);
    expect(shown).not.toMatch(/alic|secret-project|Unexpected token/);
    const errorId = /Internal error \(id ([0-9a-f]{8})\); see the log/.exec(shown)?.[1] ?? 'none';
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);

    const entry = readFileSync(core.logger.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((e) => e['errorId'] === errorId);
    expect(entry).toMatchObject({ level: 'error', jobId: job.id, paperId });
    expect(String(entry?.['error'])).toContain('"/home/alic"');
  });
});
