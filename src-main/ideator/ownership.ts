import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { processAlive } from '../shared/process-alive.ts';

/**
 * Which process runs a session, so two processes (the app and `motiv ideate --resume`, or two hosts sharing a
 * data dir) never drive the same session at once. The owner holds a lease in the session row that its heartbeat
 * renews while it runs; a lease past its expiry is free to take, so a host that crashed (where no pid can be
 * checked) locks its sessions only until the lease runs out. On the same host a dead owner pid frees it at once.
 * Within one process a registry of live runs does the same across managers opened on the same file.
 */

export interface Owner {
  pid: number;
  host: string;
  /** Identifies one run's lease, so a renewal never extends a lease another process has taken over. */
  token?: string;
  /** Epoch ms; absent in rows written before leases existed (then only the pid check frees them). */
  expiresAt?: number;
}

export interface LeaseOptions {
  /** How long a lease lasts without a heartbeat (default 60 s); renewed every third of it. */
  ms?: number;
  /** The host name recorded as owner (default os.hostname()); tests use it to play two hosts. */
  host?: string;
}

export const DEFAULT_LEASE_MS = 60_000;

const liveInProcess = new Set<string>();

export const runKey = (dbPath: string, sessionId: string): string => `${dbPath}\u0000${sessionId}`;

export function thisProcess(host?: string): Owner {
  return { pid: process.pid, host: host ?? hostname() };
}

/** A fresh lease for one run of this process. */
export function newLease(lease: LeaseOptions, now = Date.now()): Owner {
  return { ...thisProcess(lease.host), token: randomUUID(), expiresAt: now + leaseMs(lease) };
}

export function leaseMs(lease: LeaseOptions): number {
  return lease.ms ?? DEFAULT_LEASE_MS;
}

/** Another process holds a live lease: a live pid on this host, or an unexpired lease anywhere. */
export function ownedElsewhere(
  owner: Owner | null,
  key: string,
  me: Owner = thisProcess(),
  now = Date.now(),
): boolean {
  if (liveInProcess.has(key)) return true;
  if (!owner) return false;
  if (owner.expiresAt !== undefined && owner.expiresAt <= now) return false;
  if (owner.host !== me.host) return true;
  return owner.pid !== me.pid && processAlive(owner.pid);
}

export function markLive(key: string): void {
  liveInProcess.add(key);
}

export function markDone(key: string): void {
  liveInProcess.delete(key);
}
