import { hostname } from 'node:os';
import { processAlive } from '../shared/process-alive.ts';

/**
 * Which process runs a session, so two processes (the app and `motiv ideate --resume`) never drive the same
 * session at once. The owner is recorded in the session row; a dead owner (a crash) leaves the session free.
 * Within one process a registry of live runs does the same across managers opened on the same file.
 */

export interface Owner {
  pid: number;
  host: string;
}

const liveInProcess = new Set<string>();

export const runKey = (dbPath: string, sessionId: string): string => `${dbPath}\u0000${sessionId}`;

export function thisProcess(): Owner {
  return { pid: process.pid, host: hostname() };
}

/** Another live process on this machine runs it; on another host we cannot tell and trust the record. */
export function ownedElsewhere(owner: Owner | null, key: string): boolean {
  if (liveInProcess.has(key)) return true;
  if (!owner) return false;
  const me = thisProcess();
  if (owner.host !== me.host) return true;
  return owner.pid !== me.pid && processAlive(owner.pid);
}

export function markLive(key: string): void {
  liveInProcess.add(key);
}

export function markDone(key: string): void {
  liveInProcess.delete(key);
}
