import type { CliIo } from '../cli/io.ts';

/** A CLI io that keeps what a command writes: `stdout` and `stderr` as they grow. */
export function recordingIo(env: NodeJS.ProcessEnv): CliIo & { stdout: string; stderr: string } {
  const buffers = { stdout: '', stderr: '' };
  return Object.assign(buffers, {
    env,
    out: (text: string) => void (buffers.stdout += text),
    err: (text: string) => void (buffers.stderr += text),
  });
}

/**
 * Literature sources on a closed loopback port: tests never reach the internet, the port refuses at once, so
 * literature_search falls back to the local graph (src-main/literature tests cover the remote sources).
 */
export const OFFLINE_LITERATURE_ENV: NodeJS.ProcessEnv = {
  MOTIV_S2_BASE_URL: 'http://127.0.0.1:1',
  MOTIV_OPENALEX_BASE_URL: 'http://127.0.0.1:1',
  MOTIV_ARXIV_BASE_URL: 'http://127.0.0.1:1',
};
