import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { ideateCommand } from '../cli/commands/ideate.ts';
import type { CliIo } from '../cli/io.ts';
import { scenarioFile, seedGraph } from '../test-support/ideator-harness.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { startRecordedServer } from './recorded-server.ts';
import type { RecordedServer } from './recorded-server.ts';

/** `motiv ideate` uses the cascade: the session's literature_search turn records the source that answered. */

const tempDir = useTempDirs();
let llm: ScriptedLlm | undefined;
let literature: RecordedServer | undefined;
afterEach(async () => {
  await llm?.stop();
  await literature?.stop();
  llm = undefined;
  literature = undefined;
});

interface Detail {
  session: { status: string };
  turns: Array<{ kind: string; toolName?: string | null; content: string; meta: Record<string, unknown> }>;
}

async function run(configure: (server: RecordedServer) => void): Promise<Detail> {
  const dataDir = tempDir();
  await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
  llm = await startScriptedLlm({ scenario: scenarioFile('accept') });
  literature ??= await startRecordedServer();
  configure(literature);
  let stdout = '';
  const io: CliIo = {
    env: {
      MOTIV_DATA_DIR: dataDir,
      MOTIV_LLM_BASE_URL: llm.baseUrl,
      MOTIV_LLM_MODEL: 'scripted-chat',
      ...literature.env(),
    },
    out: (text) => void (stdout += text),
    err: () => undefined,
  };
  const code = await ideateCommand(['--topic', 'LLM research ideation', '--ideas', '1', '--json'], io);
  expect(code).toBe(0);
  await llm.stop();
  llm = undefined;
  return JSON.parse(stdout) as Detail;
}

const literatureTurn = (detail: Detail) =>
  detail.turns.find((t) => t.kind === 'tool' && t.toolName === 'literature_search');

describe('motiv ideate with the literature cascade', () => {
  it('records Semantic Scholar as the source when it answers', async () => {
    const detail = await run(() => undefined);
    expect(detail.session.status).toBe('completed');
    const turn = literatureTurn(detail);
    expect(turn?.meta).toMatchObject({ ok: true, source: 'semantic-scholar' });
    expect(turn?.content).toContain('Can LLMs Generate Novel Research Ideas?');
    expect(literature?.requests.map((r) => r.source)).toEqual(['semantic-scholar']);
  });

  it('records the local graph when every remote source fails', async () => {
    const detail = await run((server) => {
      server.set('semantic-scholar', { kind: 'status', status: 429 });
      server.set('openalex', { kind: 'status', status: 500 });
      server.set('arxiv', { kind: 'status', status: 503 });
    });
    expect(literatureTurn(detail)?.meta).toMatchObject({
      ok: true,
      source: 'local-graph (remote sources failed)',
    });
    expect(literature?.requests.map((r) => r.source)).toEqual(['semantic-scholar', 'openalex', 'arxiv']);
  });
});
