import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { fetchMinilm, repoModelsDir } from '../../embeddings/minilm-files.ts';
import { projectPath } from '../../shared/project-path.ts';
import { OFFLINE_LITERATURE_ENV, recordingIo } from '../../test-support/cli-io.ts';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { protocolCommand } from './protocol.ts';

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
beforeAll(async () => fetchMinilm(repoModelsDir()), 120_000);

async function setup() {
  const dataDir = tempDir();
  const server = await startLlm({
    scenario: projectPath('e2e', 'scripted-llm', 'scenarios', 'protocol-run.json'),
  });
  const io = recordingIo({
    ...OFFLINE_LITERATURE_ENV,
    MOTIV_DATA_DIR: dataDir,
    MOTIV_LLM_BASE_URL: server.baseUrl,
    MOTIV_LLM_MODEL: 'scripted-chat',
    MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
    MOTIV_MODELS_DIR: repoModelsDir(),
  });
  return { dataDir, io, server };
}

describe('motiv protocol', () => {
  it('runs a topics.csv through the protocol channels and prints the table; --json gives the run', async () => {
    const { dataDir, io, server } = await setup();
    const topics = join(dataDir, 'topics.csv');
    writeFileSync(
      topics,
      'topic\ngraph neural networks for drug discovery\nefficient reasoning in language models\n',
    );
    const args = [
      topics,
      '--settings',
      'full,no-graph,no-mentor',
      '--ideas',
      '2',
      '--seeds',
      '1,2',
      '--rounds',
      '2',
    ];
    expect(await protocolCommand(args, io)).toBe(0);
    expect(io.stderr).toMatch(/^estimate: 6 sessions, up to \d+ ideation calls, 60 judge calls/);
    expect(io.stderr).toContain('tournament ');
    const rows = io.stdout.split('\n').filter((l) => /^(full|no-graph|no-mentor)\s/.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 3))).toEqual([
      ['full', '4', '9.00'],
      ['no-graph', '4', '5.00'],
      ['no-mentor', '4', '7.00'],
    ]);
    expect(io.stdout).toMatch(/run \S+ \(completed\); 2 topics, seeds 1, 2, 2 rounds; judge scripted-judge/);
    expect(io.stdout).toContain("not comparable to the paper's numbers");

    const runId = /run (\S+) \(completed\)/.exec(io.stdout)?.[1] ?? '';
    const again = recordingIo(io.env);
    // Resuming a completed run pays nothing and prints it again.
    const calls = server.requests.length;
    expect(await protocolCommand(['--resume', runId, '--json'], again)).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      id: runId,
      state: 'completed',
      table: expect.any(Array),
    });
    expect(server.requests).toHaveLength(calls);
  }, 120_000);

  it('refuses a bad topics file with the line, before anything is paid for', async () => {
    const { dataDir, io, server } = await setup();
    const topics = join(dataDir, 'topics.csv');
    writeFileSync(topics, 'topic\nfirst topic\n\n""\n');
    await expect(protocolCommand([topics, '--ideas', '2'], io)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { file: topics, line: 4 },
    });
    await expect(protocolCommand([join(dataDir, 'missing.csv')], io)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    writeFileSync(topics, 'topic\nfirst topic\n');
    await expect(protocolCommand([topics, '--settings', 'full,everything'], io)).rejects.toThrow(
      /unknown "everything"/,
    );
    await expect(protocolCommand([topics, '--settings', 'full@'], io)).rejects.toThrow(/names no model/);
    expect(server.requests).toHaveLength(0);
  });

  it('runs a <preset>@<model> setting with its own researcher model', async () => {
    const { dataDir, io, server } = await setup();
    const topics = join(dataDir, 'topics.csv');
    writeFileSync(topics, 'topic\ngraph neural networks for drug discovery\n');
    const args = [topics, '--settings', 'no-mentor,no-mentor@scripted-chat:v2', '--ideas', '2', '--json'];
    expect(await protocolCommand(args, io)).toBe(0);
    const run = JSON.parse(io.stdout) as { plan: { settings: unknown[] }; table: { setting: string }[] };
    expect(run.plan.settings).toEqual([
      { name: 'no-mentor', graph: true, mentor: false },
      { name: 'no-mentor+scripted-chat-v2', graph: true, mentor: false, model: 'scripted-chat:v2' },
    ]);
    expect(run.table.map((r) => r.setting)).toEqual(['no-mentor', 'no-mentor+scripted-chat-v2']);
    const researcherModels = server.requests
      .filter((r) => JSON.stringify(r.body.messages ?? '').includes('[role:researcher]'))
      .map((r) => r.body.model);
    expect(new Set(researcherModels)).toEqual(new Set(['scripted-chat', 'scripted-chat:v2']));
  }, 120_000);

  it('runs the titles-only ablation: its sessions give the researcher literature titles alone', async () => {
    const { dataDir, io } = await setup();
    const topics = join(dataDir, 'topics.csv');
    writeFileSync(topics, 'topic\ngraph neural networks for drug discovery\n');
    const args = [topics, '--settings', 'titles-only', '--ideas', '1', '--json'];
    expect(await protocolCommand(args, io)).toBe(0);
    const run = JSON.parse(io.stdout) as { plan: { settings: unknown[] } };
    expect(run.plan.settings).toEqual([{ name: 'titles-only', graph: true, mentor: true, titlesOnly: true }]);
    const db = new Database(join(dataDir, 'ideator.sqlite'), { readonly: true });
    try {
      const configs = db.prepare('SELECT config FROM sessions').all() as { config: string }[];
      expect(configs.length).toBeGreaterThan(0);
      for (const row of configs) expect(JSON.parse(row.config)).toMatchObject({ literature: 'titles' });
    } finally {
      db.close();
    }
  }, 120_000);
});
