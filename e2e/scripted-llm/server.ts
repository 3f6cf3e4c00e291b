import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionBody, stallChunks, streamChunks } from './completion.ts';
import { embedText } from './embeddings.ts';
import { stepMatches } from './match.ts';
import type { Endpoint } from './match.ts';
import { loadScenarioFile, parseScenario } from './scenario.ts';
import type { Scenario, ScenarioInput, ScenarioStep, StepFault } from './scenario.ts';

/**
 * A scripted OpenAI-compatible server on loopback. It plays the model's words from a scenario so the real
 * `openai` client, our retries, timeouts and parsers are exercised end to end without a real LLM.
 */

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  endpoint: Endpoint | null;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** Index into scenario.steps of the step that answered, or null (default behaviour or no match). */
  stepIndex: number | null;
  stepId: string | null;
  /** Milliseconds since the server started (performance clock), for measuring waits between attempts. */
  receivedAtMs: number;
}

export interface ScriptedLlmOptions {
  /** A scenario object or the path of a scenario JSON file. */
  scenario: ScenarioInput | string;
  port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; others get a 401 like OpenAI's. */
  apiKey?: string;
}

export interface ScriptedLlm {
  baseUrl: string;
  port: number;
  scenario: Scenario;
  requests: RecordedRequest[];
  /** Ids (or `#index`) of steps not yet used up: a finished scenario should have none. */
  unusedSteps(): string[];
  stop(): Promise<void>;
}

const ENDPOINTS: Record<string, Endpoint> = {
  'POST /v1/chat/completions': 'chat',
  'POST /v1/embeddings': 'embeddings',
  'GET /v1/models': 'models',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function wait(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function encodeBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** The request being answered: the response to write, its parsed JSON body, and its number in the log. */
interface Exchange {
  res: ServerResponse;
  body: Record<string, unknown>;
  index: number;
}

export async function startScriptedLlm(options: ScriptedLlmOptions): Promise<ScriptedLlm> {
  const scenario =
    typeof options.scenario === 'string'
      ? loadScenarioFile(options.scenario)
      : parseScenario(options.scenario);
  const uses = scenario.steps.map(() => 0);
  const requests: RecordedRequest[] = [];
  const started = performance.now();

  const findStep = (endpoint: Endpoint, body: Record<string, unknown>): number | null => {
    for (let i = 0; i < scenario.steps.length; i++) {
      const step = scenario.steps[i];
      if (step && (uses[i] ?? 0) < step.times && stepMatches(step.match, endpoint, body)) return i;
    }
    return null;
  };

  const sendFault = ({ res, body, index }: Exchange, fault: StepFault) => {
    if (fault.type === 'http') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      const payload = fault.body ?? errorBody(`scripted fault: HTTP ${fault.status}`, 'scripted_fault');
      if (typeof payload === 'string') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...headers });
        res.end(payload);
      } else sendJson(res, fault.status, payload, headers);
      return;
    }
    if (fault.type === 'garbage') {
      if (body.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${fault.body}\n\n`);
      } else {
        res.writeHead(200, { 'content-type': fault.contentType });
        res.end(fault.body);
      }
      return;
    }
    // Stall: start the response, then never finish it. The client's timeout (or abort) must end it.
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const chunk of stallChunks(fault.content, fault.afterChunks, body, index)) {
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
    }
    res.flushHeaders();
  };

  const sendReply = ({ res, body, index }: Exchange, step: ScenarioStep) => {
    const reply = step.reply;
    if (!reply) return;
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const chunk of streamChunks(reply, body, index)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      res.end('data: [DONE]\n\n');
    } else sendJson(res, 200, completionBody(reply, body, index));
  };

  const defaultAnswer = ({ res, body, index }: Exchange, endpoint: Endpoint) => {
    if (endpoint === 'models') {
      sendJson(res, 200, {
        object: 'list',
        data: scenario.models.map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'scripted',
        })),
      });
    } else if (endpoint === 'embeddings') {
      const input = body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      const dims = typeof body.dimensions === 'number' ? body.dimensions : scenario.embeddingDimensions;
      const base64 = body.encoding_format === 'base64';
      const tokens = texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
      sendJson(res, 200, {
        object: 'list',
        model: body.model ?? 'scripted-embed',
        data: texts.map((text, i) => {
          const vector = embedText(text, dims);
          return { object: 'embedding', index: i, embedding: base64 ? encodeBase64(vector) : vector };
        }),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    } else {
      const message = `scripted-llm: no step of scenario "${scenario.name}" matches request #${index}`;
      sendJson(res, 400, errorBody(message, 'scripted_unmatched'));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') ?? '';
    const method = req.method ?? 'GET';
    const endpoint = ENDPOINTS[`${method} ${path}`] ?? null;
    const text = await readBody(req);
    const index = requests.length;
    let body: Record<string, unknown> = {};
    let badJson = false;
    if (text.length > 0) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
        else badJson = true;
      } catch {
        badJson = true;
      }
    }
    // Requests refused before reaching the "model" (unknown path, bad JSON, wrong key) use up no step.
    const authorised =
      options.apiKey === undefined || req.headers.authorization === `Bearer ${options.apiKey}`;
    const stepIndex = endpoint && !badJson && authorised ? findStep(endpoint, body) : null;
    const step = stepIndex === null ? undefined : scenario.steps[stepIndex];
    if (stepIndex !== null) uses[stepIndex] = (uses[stepIndex] ?? 0) + 1;
    requests.push({
      index,
      method,
      path,
      endpoint,
      headers: { ...req.headers },
      body,
      stepIndex,
      stepId: step?.id ?? null,
      receivedAtMs: performance.now() - started,
    });

    if (!endpoint) return sendJson(res, 404, errorBody(`Unknown path ${method} ${path}`, 'not_found'));
    if (badJson)
      return sendJson(res, 400, errorBody('Request body is not a JSON object', 'invalid_request_error'));
    if (!authorised) {
      // Real providers echo (part of) the key they received; echo all of it so leaks are easy to catch.
      const sent = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      return sendJson(
        res,
        401,
        errorBody(`Incorrect API key provided: ${sent}`, 'invalid_request_error', 'invalid_api_key'),
      );
    }
    if (step && step.delayMs > 0) await wait(step.delayMs, res);
    if (res.destroyed) return;
    // On embeddings and models a step's reply means "answer normally"; only its faults and delay are scripted.
    const exchange: Exchange = { res, body, index };
    if (!step || (step.reply && endpoint !== 'chat')) return defaultAnswer(exchange, endpoint);
    if (step.fault) return sendFault(exchange, step.fault);
    sendReply(exchange, step);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, errorBody(`scripted-llm crashed: ${String(err)}`, 'server_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    scenario,
    requests,
    unusedSteps: () =>
      scenario.steps.flatMap((step, i) => ((uses[i] ?? 0) < step.times ? [step.id ?? `#${i}`] : [])),
    stop: () =>
      new Promise<void>((resolve) => {
        // Stalled responses never end on their own; drop every socket so close() can finish.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
