import { describe, expect, it } from 'vitest';
import type { HierarchyRun } from '../../../../src-main/contract/mining.ts';
import { latestRun } from './latest-run.ts';

const run = (id: string, status: HierarchyRun['status']): HierarchyRun =>
  ({ id, status }) as unknown as HierarchyRun;

describe('latestRun', () => {
  it('keeps a finished run when a late "running" reply for it arrives', () => {
    const done = run('a', 'completed');
    expect(latestRun(done, run('a', 'running'))).toBe(done);
  });

  it('takes progress, a finish, or another run', () => {
    const next = run('a', 'running');
    expect(latestRun(run('a', 'running'), next)).toBe(next);
    const finished = run('a', 'cancelled');
    expect(latestRun(next, finished)).toBe(finished);
    const other = run('b', 'running');
    expect(latestRun(run('a', 'completed'), other)).toBe(other);
    expect(latestRun(null, other)).toBe(other);
  });
});
