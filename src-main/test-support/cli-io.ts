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
