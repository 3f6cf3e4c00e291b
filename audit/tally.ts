import type { Outcome } from './verdict.ts';

/** One row of the audit table. */
export interface CheckResult {
  check: string;
  tried: number;
  survived: number;
  lost: number;
  leaked: number;
  failed: number;
  /** The first few reasons attempts did not survive. */
  reasons: string[];
}

const MAX_REASONS = 4;

export class Tally {
  private readonly rows = new Map<string, CheckResult>();

  add(check: string, outcome: Outcome, what = ''): void {
    let row = this.rows.get(check);
    if (!row) {
      row = { check, tried: 0, survived: 0, lost: 0, leaked: 0, failed: 0, reasons: [] };
      this.rows.set(check, row);
    }
    row.tried += 1;
    row[outcome.verdict] += 1;
    if (outcome.verdict !== 'survived' && row.reasons.length < MAX_REASONS) {
      row.reasons.push(`${what ? `${what}: ` : ''}${outcome.reason ?? outcome.verdict}`);
    }
  }

  results(): CheckResult[] {
    return [...this.rows.values()];
  }
}
