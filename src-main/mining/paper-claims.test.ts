import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { CLAIM_LEASE_MS, MiningDb } from './mining-db.ts';

/** Paper claims in mining.sqlite: one job at a time per paper, and a dead or silent claimant frees its papers. */

const tempDir = useTempDirs();
const opened: MiningDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function open(dir: string): MiningDb {
  const db = MiningDb.open(dir);
  opened.push(db);
  return db;
}

/** The pid of a process that has exited: what a crashed miner leaves in its claims. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('paper claims', () => {
  it('lets one job claim a paper, refuses a second one (also through another connection), and frees it on release', () => {
    const dir = tempDir();
    const a = open(dir);
    const b = open(dir); // a second connection, as a second process has
    a.createJob('job-a', {}, ['p1']);
    b.createJob('job-b', {}, ['p1']);
    expect(a.claimPaper('job-a', 'p1')).toEqual({ claimed: true });
    expect(b.claimPaper('job-b', 'p1')).toEqual({ claimed: false, reason: 'claimed', byJob: 'job-a' });
    expect(a.claimPaper('job-a', 'p1')).toEqual({ claimed: true }); // its own claim again: fine
    a.releaseClaim('job-a', 'p1');
    expect(b.claimPaper('job-b', 'p1')).toEqual({ claimed: true });
  });

  it('takes over the claim of a process that died, or whose lease ran out', () => {
    const dir = tempDir();
    const db = open(dir);
    db.createJob('crashed', {}, ['p1', 'p2']);
    db.createJob('next', {}, ['p1', 'p2']);
    expect(db.claimPaper('crashed', 'p1', { owner: deadPid() })).toEqual({ claimed: true });
    expect(db.claimPaper('next', 'p1')).toEqual({ claimed: true });

    const now = Date.now();
    expect(db.claimPaper('crashed', 'p2', { nowMs: now })).toEqual({ claimed: true });
    expect(db.claimPaper('next', 'p2', { nowMs: now + CLAIM_LEASE_MS - 1 })).toMatchObject({
      claimed: false,
    });
    expect(db.claimPaper('next', 'p2', { nowMs: now + CLAIM_LEASE_MS + 1 })).toEqual({ claimed: true });
  });

  it('refuses a paper another job finished after this job was created', () => {
    const dir = tempDir();
    const db = open(dir);
    db.createJob('first', {}, ['p1']);
    db.createJob('second', {}, ['p1']);
    db.setPaper('first', 'p1', 'done');
    expect(db.claimPaper('second', 'p1')).toEqual({ claimed: false, reason: 'mined', byJob: 'first' });
    // A paper that only failed elsewhere is fair game.
    db.createJob('third', {}, ['p2']);
    db.createJob('fourth', {}, ['p2']);
    db.setPaper('third', 'p2', 'failed', { error: 'x', errorCode: 'LLM_UNAVAILABLE' });
    expect(db.claimPaper('fourth', 'p2')).toEqual({ claimed: true });
  });

  it('lists the papers waiting in running jobs of live processes, so a new job leaves them out', () => {
    const dir = tempDir();
    const db = open(dir);
    db.createJob('live', {}, ['p1', 'p2']);
    db.setPaper('live', 'p1', 'done');
    db.createJob('crashed', {}, ['p3']);
    db.db.prepare('UPDATE jobs SET owner = ? WHERE id = ?').run(deadPid(), 'crashed');
    db.createJob('paused', {}, ['p4']);
    db.setStatus('paused', 'cancelled');
    expect([...db.papersOfRunningJobs()]).toEqual(['p2']);
  });
});
