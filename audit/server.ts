import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** One raw request to the server (fetch cannot send a foreign Host header, so this uses node:http). */
export async function request(
  server: AuditServer,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const { request: httpRequest } = await import('node:http');
  return new Promise((done) => {
    // A server may answer (e.g. 413) and close before a big body is sent: keep that answer despite the EPIPE.
    let status = 0;
    const chunks: Buffer[] = [];
    const settle = (failure?: string): void => {
      const body = Buffer.concat(chunks).toString();
      done(status > 0 ? { status, body } : { status: 0, body, failure: failure ?? 'no answer' });
    };
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'POST',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => settle());
        res.on('error', (err) => settle(err.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => setTimeout(() => settle(err.message), 200));
    req.end(options.body);
  });
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
