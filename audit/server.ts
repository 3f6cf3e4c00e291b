import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';

/** Starting `motiv serve` on a fresh data dir and talking to it, for the security audit. */

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const MOTIV_MAIN = join(REPO_ROOT, 'src-main/cli/main.ts');
/** A known fake secret: any answer containing it has leaked it. */
export const FAKE_SECRET = 'sk-audit-0f5e2c9a7b31d4e8-DO-NOT-LEAK';
const READY_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/;
const OFFLINE = {
  MOTIV_S2_BASE_URL: 'http://127.0.0.1:9',
  MOTIV_OPENALEX_BASE_URL: 'http://127.0.0.1:9',
  MOTIV_ARXIV_BASE_URL: 'http://127.0.0.1:9',
};

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'motiv-audit-'));
}

/** Environment for every motiv process the audit starts: offline, unseeded, with the fake secret set. */
export function auditEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...OFFLINE,
    MOTIV_SEED: 'off',
    MOTIV_LLM_API_KEY: FAKE_SECRET,
    MOTIV_NEO4J_PASSWORD: `${FAKE_SECRET}-neo4j`,
    MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
    MOTIV_LLM_MODEL: 'gpt-4o-mini',
    ...extra,
    MOTIV_DATA_DIR: dataDir,
  };
}

export interface AuditServer {
  origin: string;
  port: number;
  token: string;
  pid: number;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<AuditServer> {
  const dataDir = newDataDir();
  const child = spawn(process.execPath, [MOTIV_MAIN, 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: auditEnv(dataDir, extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new URL(
    await waitFor(
      child,
      () => READY_LINE.exec(output)?.[1],
      () => output,
    ),
  );
  return {
    origin: url.origin,
    port: Number(url.port),
    token: url.searchParams.get('token') ?? '',
    pid: child.pid ?? 0,
    dataDir,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopChild(child),
  };
}

function waitFor(
  child: ChildProcess,
  found: () => string | undefined,
  output: () => string,
): Promise<string> {
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      const value = found();
      if (value) {
        clearInterval(timer);
        done(value);
      }
    }, 50);
    setTimeout(() => {
      clearInterval(timer);
      fail(new Error(`motiv serve did not start in 30 s:\n${output()}`));
    }, 30_000).unref();
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`motiv serve exited with ${code}:\n${output()}`));
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

export interface Answer {
  status: number;
  body: string;
  /** Set when no HTTP answer came at all (connection reset, timeout). */
  failure?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/**
 * One raw HTTP/1.1 request over a socket. Not fetch or node:http: they cannot send a foreign Host header, and
 * they drop a server's early answer (e.g. a 413 sent before a big body is read) when the write then fails.
 */
export function request(server: AuditServer, path: string, options: RequestOptions = {}): Promise<Answer> {
  const body = Buffer.from(options.body ?? '');
  const headers: Record<string, string> = {
    host: `127.0.0.1:${server.port}`,
    'content-type': 'application/json',
    'content-length': String(body.length),
    connection: 'close',
    ...options.headers,
  };
  const head = `${options.method ?? 'POST'} ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => socket.destroy(new Error('timed out')), options.timeoutMs ?? 30_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (failure?: string): void => {
      clearTimeout(timer);
      const answer = parseAnswer(Buffer.concat(chunks));
      done(answer ?? { status: 0, body: '', failure: failure ?? 'no answer' });
    };
    socket.on('close', () => finish());
    // A write error after the server answered and closed is expected; the answer read so far still counts.
    socket.on('error', (err) => finish(err.message));
    void sendBody(socket, head, body, () => chunks.length > 0);
  });
}

const SLICE = 64 * 1024;

/** Bodies over the server's 10 MB cap: give it a moment to refuse from the headers (like curl's Expect wait). */
const EARLY_ANSWER_FROM_BYTES = 10 * 1024 * 1024;
const EARLY_ANSWER_WAIT_MS = 500;

/**
 * Writes the body in slices and stops as soon as the server has answered. A server that answers a too-large body
 * and closes while the client still writes makes the kernel reset the connection, and the client may never read
 * the answer; waiting briefly after the headers lets an early refusal through deterministically.
 */
async function sendBody(socket: Socket, head: string, body: Buffer, answered: () => boolean): Promise<void> {
  socket.write(head);
  if (body.length >= EARLY_ANSWER_FROM_BYTES) {
    const deadline = Date.now() + EARLY_ANSWER_WAIT_MS;
    while (!answered() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (let at = 0; at < body.length && !answered() && !socket.destroyed; at += SLICE) {
    if (!socket.write(body.subarray(at, at + SLICE))) {
      await new Promise((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    }
  }
  // No socket.end(): a client's half-close makes Node's server close its side too, and an answer that takes a
  // moment (an import) would never be sent. `connection: close` ends the exchange from the server's side.
}

function parseAnswer(raw: Buffer): Answer | null {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const head = raw.subarray(0, split).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (status === 0) return null;
  let body = raw.subarray(split + 4);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) body = dechunk(body);
  return { status, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** An authorised API call the way the app makes it (token in the x-motiv-token header). */
export function invoke(
  server: AuditServer,
  channel: string,
  payload: unknown,
  timeoutMs = 30_000,
): Promise<Answer> {
  return request(server, `/api/invoke/${channel}`, {
    headers: { 'x-motiv-token': server.token },
    body: JSON.stringify(payload),
    timeoutMs,
  });
}

/** The server still answers a harmless authorised call. */
export async function answersPing(server: AuditServer): Promise<boolean> {
  const answer = await invoke(server, 'app.info', {}, 10_000);
  return answer.status === 200 && answer.body.includes('"result"');
}

/** Peak resident memory of the server process since the last reset, in MB (VmHWM). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Resets the peak (writing 5 to clear_refs), so the next reading is this step's own peak. */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
