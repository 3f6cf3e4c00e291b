import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embedText } from '../../e2e/scripted-llm/embeddings.ts';
import { roleTag } from '../../e2e/scripted-llm/match.ts';
import { loadScenarioFile, parseScenario, ScenarioError } from '../../e2e/scripted-llm/scenario.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { assistantMessage, chat } from './chat.ts';
import type { ChatMessage } from './chat.ts';
import { createLlmClient } from './client.ts';
import { resolveLlmConfig } from './config.ts';

// Tests of the scripted OpenAI-compatible server itself (kept here because vitest collects src-main/**).

const SCENARIOS = resolve(import.meta.dirname, '../../e2e/scripted-llm/scenarios');
const CLI = resolve(import.meta.dirname, '../../e2e/scripted-llm/cli.ts');

let server: ScriptedLlm | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues.map((i) => i.path);
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('scenario validation', () => {
  it('names the JSON path of each problem', () => {
    const paths = issuesOf(() =>
      parseScenario({
        name: 'broken',
        steps: [
          { reply: { content: 'ok' } },
          { reply: { tool_calls: [{ arguments: {} }] } },
          { fault: { type: 'http', status: 200 } },
          { fault: { type: 'explode' } },
          { reply: { content: 'x' }, fault: { type: 'stall' } },
          { match: { role: 'mentor', colour: 'red' }, reply: { content: 'x' } },
        ],
      }),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.steps[1].reply.tool_calls[0].name',
        '$.steps[2].fault.status',
        '$.steps[3].fault.type',
        '$.steps[4]',
        '$.steps[5].match',
      ]),
    );
  });

  it('names the file for unreadable, non-JSON and invalid files', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'scenario-'));
    dir = tmp;
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{ "name": ');
    expect(() => loadScenarioFile(bad)).toThrow(`Invalid scenario ${bad}: $: not valid JSON`);
    writeFileSync(bad, JSON.stringify({ name: 'x', steps: [{ delayMs: -1, reply: {} }] }));
    expect(() => loadScenarioFile(bad)).toThrow(new RegExp(`${bad}: \\$\\.steps\\[0\\]\\.delayMs`));
    expect(() => loadScenarioFile(join(tmp, 'missing.json'))).toThrow(/missing\.json: \$: cannot read file/);
  });

  it('accepts every bundled scenario file', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(loadScenarioFile(join(SCENARIOS, file)).name).toBeTruthy();
  });
});

describe('scripted server', () => {
  it('plays a bundled scenario through the real client: tool call, tool result, mentor verdict', async () => {
    server = await startScriptedLlm({ scenario: join(SCENARIOS, 'basic-chat.json') });
    const client = createLlmClient(resolveLlmConfig({ baseUrl: server.baseUrl }, {}));
    const researcher: ChatMessage[] = [
      { role: 'system', content: `You are the researcher ${roleTag('researcher')}` },
      { role: 'user', content: 'Topic: graph ideation' },
    ];
    const first = await chat(client, { role: 'researcher', messages: researcher });
    expect(first.toolCalls[0]?.name).toBe('node_search');
    researcher.push(assistantMessage(first), {
      role: 'tool',
      tool_call_id: first.toolCalls[0]!.id,
      content: '[]',
    });
    const second = await chat(client, { role: 'researcher', messages: researcher });
    expect(second.content).toMatch(/kg:problem/);
    const verdict = await chat(client, {
      role: 'mentor',
      messages: [
        { role: 'system', content: roleTag('mentor') },
        { role: 'user', content: second.content ?? '' },
      ],
      onToken: () => {},
    });
    expect(verdict.content).toMatch(/ACCEPT$/);
    expect(server.unusedSteps()).toEqual([]);
    expect(server.requests.map((r) => r.stepId)).toEqual([
      'researcher-tool',
      'researcher-answer',
      'mentor-accept',
    ]);
  });

  it('answers in order, honours times, and refuses unmatched requests with a clear 400', async () => {
    server = await startScriptedLlm({
      scenario: {
        name: 'order',
        steps: [
          { id: 'twice', times: 2, match: { role: 'mentor' }, reply: { content: 'mentor' } },
          { id: 'once', reply: { content: 'anyone' } },
        ],
      },
    });
    const url = `${server.baseUrl}/chat/completions`;
    const mentor = { model: 'm', messages: [{ role: 'system', content: '[role:mentor]' }] };
    const other = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const contentOf = (text: string) =>
      (JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
    expect(contentOf((await post(url, other)).text)).toBe('anyone');
    expect(server.unusedSteps()).toEqual(['twice']);
    expect(contentOf((await post(url, mentor)).text)).toBe('mentor');
    expect(contentOf((await post(url, mentor)).text)).toBe('mentor');
    const unmatched = await post(url, mentor);
    expect(unmatched.status).toBe(400);
    expect(unmatched.text).toMatch(/no step of scenario \\"order\\" matches request #3/);
    expect(server.requests.map((r) => r.stepIndex)).toEqual([1, 0, 0, null]);
    expect(server.requests[1]?.body).toEqual(mentor);
  });

  it('sends faults with their status, Retry-After and body', async () => {
    server = await startScriptedLlm({
      scenario: {
        name: 'faults',
        steps: [
          { fault: { type: 'http', status: 429, retryAfter: 1, body: 'slow down' } },
          { fault: { type: 'garbage', body: 'not json', contentType: 'text/plain' } },
        ],
      },
    });
    const url = `${server.baseUrl}/chat/completions`;
    const limited = await post(url, { messages: [] });
    expect([limited.status, limited.headers.get('retry-after'), limited.text]).toEqual([
      429,
      '1',
      'slow down',
    ]);
    const garbage = await post(url, { messages: [] });
    expect([garbage.status, garbage.text]).toEqual([200, 'not json']);
  });

  it('streams SSE chunks ending in [DONE], with usage only when asked', async () => {
    server = await startScriptedLlm({
      scenario: {
        name: 'sse',
        steps: [{ times: 2, reply: { content: 'a b', usage: { prompt_tokens: 3, completion_tokens: 2 } } }],
      },
    });
    const url = `${server.baseUrl}/chat/completions`;
    const withUsage = await post(url, {
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    const lines = withUsage.text.split('\n\n').filter(Boolean);
    expect(lines.at(-1)).toBe('data: [DONE]');
    expect(lines.at(-2)).toContain('"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}');
    const without = await post(url, { messages: [], stream: true });
    expect(without.text).not.toContain('usage');
  });

  it('produces deterministic normalised embeddings in float or base64 form, and lists models', async () => {
    server = await startScriptedLlm({
      scenario: { name: 'emb', embeddingDimensions: 16, models: ['only-model'] },
    });
    const res = await post(`${server.baseUrl}/embeddings`, { model: 'e', input: ['hello world'] });
    const body = JSON.parse(res.text) as { data: { embedding: number[] }[] };
    expect(body.data[0]?.embedding).toEqual(embedText('hello world', 16));
    const b64 = await post(`${server.baseUrl}/embeddings`, {
      model: 'e',
      input: 'hello world',
      encoding_format: 'base64',
    });
    const encoded = (JSON.parse(b64.text) as { data: { embedding: string }[] }).data[0]?.embedding ?? '';
    const bytes = Buffer.from(encoded, 'base64');
    const floats = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(floats).toHaveLength(16);
    expect(floats[0]).toBeCloseTo(embedText('hello world', 16)[0] ?? NaN, 6);
    const models = await fetch(`${server.baseUrl}/models`).then(
      (r) => r.json() as Promise<{ data: { id: string }[] }>,
    );
    expect(models.data.map((m) => m.id)).toEqual(['only-model']);
    expect((await post(`${server.baseUrl}/nope`, {})).status).toBe(404);
  });
});

describe('scripted server CLI', () => {
  function run(args: string[]): Promise<{ line: string; code: number | null; stderr: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) child.kill('SIGTERM');
      });
      child.on('exit', (code) => done({ line: stdout.trim(), code, stderr }));
    });
  }

  it('prints the base URL of a live server and exits cleanly on SIGTERM', async () => {
    const result = await run(['--scenario', join(SCENARIOS, 'faults.json')]);
    expect(result.line).toMatch(/^SCRIPTED_LLM http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(result.code).toBe(0);
  });

  it('fails with the file and JSON path for an invalid scenario', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', steps: [{ fault: { type: 'http' } }] }));
    const result = await run(['--scenario', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}: $.steps[0].fault.status`);
  });
});
