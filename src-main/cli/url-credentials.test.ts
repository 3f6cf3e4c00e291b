import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startScriptedLlm, type ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

const tempDir = useTempDirs();
const NEO_PW = 'hunter2-neo-pw';
const LLM_PW = 's3cret-llm-pw';
const startLlm = stopAfterEach(startScriptedLlm);
let llm: ScriptedLlm | undefined;

function bufferIo(env: NodeJS.ProcessEnv): CliIo & { all: () => string } {
  let text = '';
  return { env, out: (t) => (text += t), err: (t) => (text += t), all: () => text };
}

function logs(dataDir: string): string {
  const dir = join(dataDir, 'logs');
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('credentials inside URLs are never printed', () => {
  it('doctor shows the URLs redacted and says why they fail', async () => {
    const dataDir = tempDir();
    const io = bufferIo({
      MOTIV_DATA_DIR: dataDir,
      MOTIV_NEO4J_URI: `neo4j://alice:${NEO_PW}@127.0.0.1:1`,
      MOTIV_LLM_BASE_URL: `http://bob:${LLM_PW}@127.0.0.1:1/v1`,
    });
    await main(['doctor'], io);
    expect(io.all()).not.toMatch(new RegExp(`${NEO_PW}|${LLM_PW}|alice|bob`));
    expect(io.all()).toContain('neo4j://[redacted]@127.0.0.1:1');
    expect(io.all()).toMatch(
      /LLM endpoint: http:\/\/\[redacted\]@127\.0\.0\.1:1\/v1\/models: credentials in URL: redacted/,
    );
    expect(io.all()).toMatch(/Neo4j: neo4j:\/\/\[redacted\]@127\.0\.0\.1:1: credentials in URL: redacted/);
    // doctor only reads: there is no log it could have leaked into
    expect(existsSync(join(dataDir, 'logs'))).toBe(false);
  });

  it('graph stats errors show the Neo4j URI redacted', async () => {
    const dataDir = tempDir();
    const io = bufferIo({ MOTIV_DATA_DIR: dataDir, MOTIV_NEO4J_URI: `bolt://alice:${NEO_PW}@127.0.0.1:1` });
    expect(await main(['graph', 'stats'], io)).toBe(1);
    expect(io.all()).toContain('bolt://[redacted]@127.0.0.1:1');
    expect(io.all()).not.toContain(NEO_PW);
    expect(logs(dataDir)).not.toContain(NEO_PW);
  });

  it('ideate names credentials in the LLM URL as the cause, redacted, instead of "connection failed"', async () => {
    llm = await startLlm({ scenario: { name: 'models', models: ['m'], steps: [] } });
    const dataDir = tempDir();
    const withCredentials = llm.baseUrl.replace('http://', `http://bob:${LLM_PW}@`);
    const io = bufferIo({ MOTIV_DATA_DIR: dataDir, MOTIV_LLM_BASE_URL: withCredentials });
    expect(await main(['ideate', '--topic', 'graphs', '--ideas', '1'], io)).toBe(1);
    expect(io.all()).toContain('credentials in the URL');
    expect(io.all()).not.toMatch(new RegExp(`${LLM_PW}|bob`));
    expect(io.all()).not.toContain('connection failed');
    expect(logs(dataDir)).not.toContain(LLM_PW);
  });
});
