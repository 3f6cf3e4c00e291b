import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
const READY_LINE = /MotivGraph Studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

export interface BrowserModeApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'motiv-e2e-'));
}

/** The Electron binary, when this machine could fetch it (npm's electron package records it in path.txt). */
export function electronBinary(): string | null {
  const pathFile = join(REPO_ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(REPO_ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Tests never reach the internet: the literature sources point at a closed loopback port, so the ideator's
 * literature_search answers from the local graph (its documented offline fallback).
 */
export const OFFLINE_LITERATURE: NodeJS.ProcessEnv = {
  MOTIV_S2_BASE_URL: 'http://127.0.0.1:9',
  MOTIV_OPENALEX_BASE_URL: 'http://127.0.0.1:9',
  MOTIV_ARXIV_BASE_URL: 'http://127.0.0.1:9',
  // The first-run welcome is a modal: only the specs about it turn it back on (appEnv MOTIV_WELCOME: 'on').
  MOTIV_WELCOME: 'off',
};

/** Starts `motiv serve` on a free port and resolves with the URL it prints once ready. */
export async function startBrowserMode(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<BrowserModeApp> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'src-main/cli/main.ts'), 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...OFFLINE_LITERATURE, ...env, MOTIV_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForReadyLine(child);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    stop: () => stopChild(child),
  };
}

function waitForReadyLine(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`browser mode did not start in 15 s:\n${output}`)),
      15_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
