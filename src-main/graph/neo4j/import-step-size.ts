import type { RunAlone } from './import-vector-index.ts';

/**
 * How large one staging transaction may be (its rows' size as sent, import-batch.ts). Each step is a commit, the
 * costly part of a load (index updates, a log flush): 4 MB steps took a third less server CPU than 512 KB ones
 * (bench/neo4j-load/profile-import.ts, scale 0.1). A server with a per-transaction memory limit
 * (`db.memory.transaction.max`, e.g. 16 MB on shared servers) gets 1/32 of it: the transaction state of a step
 * weighs many times its size on the wire, and 512 KB steps were measured to pass under 16 MB
 * (import-journal.test.ts). A server that will not say gets the small size.
 */
export const LARGE_STEP_BYTES = 4 * 1024 * 1024;
export const SMALL_STEP_BYTES = 512 * 1024;
const LIMIT_SHARE = 32;

const TRANSACTION_LIMIT = `SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max'
RETURN value`;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `16m`, `16.00MiB`, `16777216`, `0B` → bytes; null when unreadable. */
export function parseByteSetting(value: string): number | null {
  const match = /^\s*([\d.]+)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(value);
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match?.[1] || unit === undefined) return null;
  const bytes = Number(match[1]) * unit;
  return Number.isFinite(bytes) ? bytes : null;
}

export function stepBytesFor(limitBytes: number | null): number {
  if (limitBytes === null) return SMALL_STEP_BYTES;
  if (limitBytes === 0) return LARGE_STEP_BYTES; // 0: no limit
  return Math.max(64 * 1024, Math.min(LARGE_STEP_BYTES, Math.floor(limitBytes / LIMIT_SHARE)));
}

/** The step size for this server: asks its per-transaction limit (without `runAlone`, the small size). */
export async function stagingStepBytes(runAlone: RunAlone | undefined): Promise<number> {
  if (!runAlone) return SMALL_STEP_BYTES;
  try {
    const row = (await runAlone(TRANSACTION_LIMIT))[0];
    return stepBytesFor(row === undefined ? null : parseByteSetting(String(row.value)));
  } catch {
    // A user without the privilege to list settings: stay small, as before.
    return SMALL_STEP_BYTES;
  }
}
