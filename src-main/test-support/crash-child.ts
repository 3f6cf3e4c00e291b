import { spawn } from 'node:child_process';
import { waitFor } from './ideator-harness.ts';

export interface CrashChild {
  /** What the child has written so far. */
  output: { stdout: string; stderr: string };
  /** Waits until `ready()` holds (or the child ended by itself), then kills it with SIGKILL and waits for its end. */
  killWhen(ready: () => boolean, timeoutMs: number): Promise<void>;
}

/** A crash test's child process: node running `script` with `args`, its output kept, to be SIGKILLed mid-run. */
export function startCrashChild(script: string, args: string[]): CrashChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output,
    async killWhen(ready, timeoutMs) {
      try {
        await waitFor(() => ready() || child.exitCode !== null, timeoutMs);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
