import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageLedger } from './ledger.ts';
import { chatStructured, extractJson, parseStructured } from './structured.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const Idea = z.object({
  name: z.string().regex(/^[a-z_]+$/),
  title: z.string().min(3),
  risks: z.array(z.string()).min(1),
});

const GOOD = JSON.stringify({ name: 'graph_transfer', title: 'Transfer via graphs', risks: ['data'] });
const MESSAGES = [{ role: 'system' as const, content: '[role:researcher] Present the idea as JSON.' }];

const startHarness = stopAfterEach(harness);

describe('chatStructured', () => {
  it('sends the zod schema as response_format json_schema and returns the parsed value', async () => {
    const h = await startHarness({
      name: 'ok',
      steps: [{ match: { structured: true }, reply: { content: GOOD } }],
    });
    const result = await chatStructured(h.client, Idea, {
      role: 'researcher',
      messages: MESSAGES,
      schemaName: 'idea',
    });
    expect(result.value).toEqual(JSON.parse(GOOD));
    expect(result.repairs).toBe(0);
    const format = h.server.requests[0]?.body.response_format as {
      type: string;
      json_schema: { name: string; schema: { properties: Record<string, unknown>; required: string[] } };
    };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('idea');
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(['name', 'title', 'risks']);
    expect(format.json_schema.schema.required).toEqual(['name', 'title', 'risks']);
  });

  it('repairs invalid JSON in one retry that shows the model what was wrong', async () => {
    const ledger = new UsageLedger();
    const h = await startHarness(
      {
        name: 'repair-json',
        steps: [
          { reply: { content: '{"name": "graph_transfer", "title": oops' } },
          { match: { contains: 'could not be used' }, reply: { content: '```json\n' + GOOD + '\n```' } },
        ],
      },
      { client: { ledger } },
    );
    const result = await chatStructured(h.client, Idea, { role: 'researcher', messages: MESSAGES });
    expect(result.repairs).toBe(1);
    expect(result.value.name).toBe('graph_transfer');
    const repairRequest = h.server.requests[1]?.body.messages as { role: string; content: string }[];
    expect(repairRequest.at(-2)).toEqual({
      role: 'assistant',
      content: '{"name": "graph_transfer", "title": oops',
    });
    expect(repairRequest.at(-1)?.content).toMatch(/not valid JSON/);
    expect(ledger.totals().calls).toBe(2);
  });

  it('repairs a schema violation, naming the failing fields', async () => {
    const h = await startHarness({
      name: 'repair-schema',
      steps: [
        { reply: { content: JSON.stringify({ name: 'Bad Name', title: 'Transfer via graphs', risks: [] }) } },
        { reply: { content: GOOD } },
      ],
    });
    const result = await chatStructured(h.client, Idea, { role: 'researcher', messages: MESSAGES });
    expect(result.repairs).toBe(1);
    const repair = (h.server.requests[1]?.body.messages as { content: string }[]).at(-1)?.content ?? '';
    expect(repair).toMatch(/- name: /);
    expect(repair).toMatch(/- risks: /);
  });

  it('gives up with LLM_BAD_OUTPUT after the bounded repairs', async () => {
    const h = await startHarness({
      name: 'hopeless',
      steps: [{ times: 5, reply: { content: 'I would rather chat in prose.' } }],
    });
    const err = await rejection(
      chatStructured(h.client, Idea, { role: 'researcher', messages: MESSAGES, maxRepairs: 1 }),
    );
    expect(err.code).toBe('LLM_BAD_OUTPUT');
    expect(err.message).toMatch(/not valid JSON/);
    expect(h.server.requests).toHaveLength(2);
  });

  it('a garbage HTTP body is retried by the transport before any repair is needed', async () => {
    const h = await startHarness({
      name: 'garbage-then-json',
      steps: [{ fault: { type: 'garbage' } }, { reply: { content: GOOD } }],
    });
    const result = await chatStructured(h.client, Idea, { role: 'researcher', messages: MESSAGES });
    expect(result).toMatchObject({ repairs: 0, value: { name: 'graph_transfer' } });
    expect(result.calls[0]?.attempts).toBe(2);
  });
});

describe('JSON extraction', () => {
  it('accepts bare JSON, fenced JSON and JSON wrapped in prose', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Here:\n```json\n{"a":2}\n```')).toEqual({ a: 2 });
    expect(extractJson('Sure! {"a":3} Hope that helps.')).toEqual({ a: 3 });
    expect(() => extractJson('no json')).toThrow(SyntaxError);
  });

  it('reports an empty reply', () => {
    expect(parseStructured(Idea, null)).toMatchObject({ ok: false, issues: [{ path: '(root)' }] });
  });
});
