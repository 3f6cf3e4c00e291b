import type { CheckResult } from './tally.ts';

export function totalOf(rows: CheckResult[]): CheckResult {
  const sum = (key: 'tried' | 'survived' | 'lost' | 'leaked' | 'failed'): number =>
    rows.reduce((n, row) => n + row[key], 0);
  return {
    check: 'TOTAL',
    tried: sum('tried'),
    survived: sum('survived'),
    lost: sum('lost'),
    leaked: sum('leaked'),
    failed: sum('failed'),
    reasons: [],
  };
}

/** The audit table: one row per check, then the total, then why the failing rows failed. */
export function printAuditTable(rows: CheckResult[], total: CheckResult): void {
  const header = ['check', 'tried', 'survived', 'lost', 'leaked', 'failed'];
  const cells = [...rows, total].map((r) => [
    r.check,
    String(r.tried),
    String(r.survived),
    String(r.lost),
    String(r.leaked),
    String(r.failed),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string =>
    c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  cells.slice(0, -1).forEach((c) => console.log(line(c)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  console.log(line(cells[cells.length - 1] ?? []));
  const failing = rows.filter((r) => r.reasons.length > 0);
  if (failing.length > 0) console.log('\nWhy (first few per check):');
  for (const row of failing) {
    console.log(`  ${row.check}`);
    for (const reason of row.reasons) console.log(`    - ${reason.replace(/\s+/g, ' ').slice(0, 150)}`);
  }
}
