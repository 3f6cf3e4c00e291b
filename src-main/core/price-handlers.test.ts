import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { ideateCommand } from '../cli/commands/ideate.ts';
import { scenarioFile, seedGraph } from '../test-support/ideator-harness.ts';
import { DEFAULT_PRICES } from '../llm/prices.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { OFFLINE_LITERATURE_ENV, recordingIo } from '../test-support/cli-io.ts';

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let llm: ScriptedLlm | undefined;

describe('user price overrides', () => {
  it('are a settings section laid over the built-in table, as prices.table shows', async () => {
    const core = createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
    const overrides = {
      'gpt-4o-mini': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
      'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0 },
    };
    const saved = await dispatch(
      core.handlers,
      'settings.update',
      { prices: { overrides } },
      { transport: 'ipc' },
    );
    expect(saved).toMatchObject({ result: { prices: { overrides } } });
    const table = await dispatch(core.handlers, 'prices.table', {}, { transport: 'ipc' });
    expect(table).toEqual({
      result: {
        builtIn: DEFAULT_PRICES,
        overrides,
        effective: { ...DEFAULT_PRICES, ...overrides },
      },
    });
    const negative = await dispatch(
      core.handlers,
      'settings.update',
      { prices: { overrides: { x: { inputPerMTok: -1, outputPerMTok: 0 } } } },
      { transport: 'ipc' },
    );
    expect(negative).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'prices.overrides.x.inputPerMTok' }] } },
    });
  });

  it('price the estimate and the cost line of `motiv ideate`', async () => {
    const dataDir = tempDir();
    await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
    // $1000 / $2000 per million tokens: big enough that the cost line cannot round to zero.
    createCore({ env: { MOTIV_DATA_DIR: dataDir } }).settings.update({
      prices: { overrides: { 'scripted-chat': { inputPerMTok: 1000, outputPerMTok: 2000 } } },
    });
    llm = await startLlm({ scenario: scenarioFile('accept') });
    const cli = recordingIo({
      MOTIV_DATA_DIR: dataDir,
      MOTIV_LLM_BASE_URL: llm.baseUrl,
      MOTIV_LLM_MODEL: 'scripted-chat',
      ...OFFLINE_LITERATURE_ENV,
    });
    const code = await ideateCommand(
      // The fixed cycle: this test is about prices; the scenario's mentor accepts in round 2.
      ['--topic', 'LLM research ideation', '--ideas', '1', '--max-rounds', '3', '--mentor-policy', 'cycle'],
      cli,
    );
    const { stderr } = cli;
    expect(code).toBe(0);
    expect(stderr).not.toContain('no price for scripted-chat');
    const estimate = /worst-case cost \$(\d+\.\d+)/.exec(stderr);
    expect(Number(estimate?.[1])).toBeGreaterThan(0);
    const cost = /^cost: \d+ calls, (\d+) prompt \+ (\d+) completion tokens, \$(\d+\.\d+)$/m.exec(stderr);
    const [prompt, completion, usd] = [Number(cost?.[1]), Number(cost?.[2]), Number(cost?.[3])];
    expect(usd).toBeCloseTo((prompt * 1000 + completion * 2000) / 1_000_000, 4);
  });
});
