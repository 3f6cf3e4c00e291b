import type { AuditEntry } from '../../../src-main/contract/graph.ts';

// Bookkeeping that changes on every write; listing it would hide what the user actually changed.
const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy', 'normalizedName']);

/** "review: proposed → approved", "description changed", … for one audit entry. */
export function describeAuditEntry(entry: AuditEntry): string[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (!before && after) return ['created'];
  if (before && !after) return ['deleted'];
  if (!before || !after) return [];
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (BOOKKEEPING.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes.push(
      typeof a === 'string' && typeof b === 'string' && a.length < 40 && b.length < 40
        ? `${key}: ${a || '—'} → ${b || '—'}`
        : `${key} changed`,
    );
  }
  return changes;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}
