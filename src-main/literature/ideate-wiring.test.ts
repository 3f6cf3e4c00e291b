import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { ideateCommand } from '../cli/commands/ideate.ts';
import type { CliIo } from '../cli/io.ts';
import { scriptedLlmEnv } from '../test-support/core-calls.ts';
import { scenarioFile, seedGraph } from '../test-support/ideator-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { startRecordedServer } from './recorded-server.ts';
import type { RecordedServer } from './recorded-server.ts';

/** `motiv ideate` uses the cascade: the session's literature_search turn records the source that answered. */

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
const startLiterature = stopAfterEach(startRecordedServer);

interface Detail {
  session: { status: string };
  turns: Array<{ kind: string; toolName?: string | null; content: string; meta: Record<string, unknown> }>;
}

/** One `motiv ideate --json` run against the literature server `configure` sets up: its detail and that server. */
async function run(
  configure: (server: RecordedServer) => void,
): Promise<{ detail: Detail; literature: RecordedServer }> {
  const dataDir = tempDir();
  await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
  const llm = await startLlm({ scenario: scenarioFile('accept') });
  const literature = await startLiterature();
  configure(literature);
  let stdout = '';
  const io: CliIo = {
    env: { ...scriptedLlmEnv(dataDir, llm), ...literature.env() },
    out: (text) => void (stdout += text),
    err: () => undefined,
  };
  // The fixed cycle: these tests are about the literature source; the scenario's mentor accepts in round 2.
  const args = ['--topic', 'LLM research ideation', '--ideas', '1', '--mentor-policy', 'cycle', '--json'];
  const code = await ideateCommand(args, io);
  expect(code).toBe(0);
  return { detail: JSON.parse(stdout) as Detail, literature };
}

const literatureTurn = (detail: Detail) =>
  detail.turns.find((t) => t.kind === 'tool' && t.toolName === 'literature_search');

describe('motiv ideate with the literature cascade', () => {
  it('records Semantic Scholar as the source when it answers', async () => {
    const { detail, literature } = await run(() => undefined);
    expect(detail.session.status).toBe('completed');
    const turn = literatureTurn(detail);
    expect(turn?.meta).toMatchObject({ ok: true, source: 'semantic-scholar' });
    expect(turn?.content).toContain('Can LLMs Generate Novel Research Ideas?');
    expect(literature.requests.map((r) => r.source)).toEqual(['semantic-scholar']);
  });

  it('records the local graph when every remote source fails', async () => {
    const { detail, literature } = await run((server) => {
      server.set('semantic-scholar', { kind: 'status', status: 429 });
      server.set('openalex', { kind: 'status', status: 500 });
      server.set('arxiv', { kind: 'status', status: 503 });
    });
    expect(literatureTurn(detail)?.meta).toMatchObject({
      ok: true,
      source: 'local-graph (remote sources failed)',
    });
    expect(literature.requests.map((r) => r.source)).toEqual(['semantic-scholar', 'openalex', 'arxiv']);
  });
});
