/**
 * `npm run audit:security`: replays the fast part of an attack campaign against a fresh browser-mode server (and
 * the `motiv` CLI) on temp data dirs, prints `tried / survived / lost / leaked / failed` per check and a total,
 * writes bench/results/security-audit.json, and exits 1 if any attempt did not survive. Loopback only.
 */
import { join } from 'node:path';
import { machineDescription } from '../bench/lib/results.ts';
import { writeFileAtomic } from '../src-main/shared/atomic-write.ts';
import { importBombs } from './checks/bombs.ts';
import { fuzzChannels } from './checks/fuzz.ts';
import { concurrentMiners } from './checks/miners.ts';
import { startupRace } from './checks/startup-race.ts';
import { REPO_ROOT, startServer } from './server.ts';
import { printAuditTable, totalOf } from './table.ts';
import { Tally } from './tally.ts';

const RESULTS = join(REPO_ROOT, 'bench', 'results', 'security-audit.json');

async function step(name: string, run: () => Promise<void>, tally: Tally): Promise<void> {
  const started = Date.now();
  process.stderr.write(`audit: ${name}…\n`);
  try {
    await run();
  } catch (err) {
    // A check that cannot even run counts against the audit rather than vanishing from the table.
    tally.add(name, {
      verdict: 'failed',
      reason: `could not run: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  process.stderr.write(`audit: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const tally = new Tally();
  await step(
    'fuzz every channel',
    async () => {
      const server = await startServer();
      try {
        await fuzzChannels(server, tally);
      } finally {
        await server.stop();
      }
    },
    tally,
  );
  await step('import bombs', () => importBombs(tally), tally);
  await step('two concurrent miners', () => concurrentMiners(tally), tally);
  await step('start-up race', () => startupRace(tally), tally);

  const rows = tally.results();
  const total = totalOf(rows);
  const durationS = (Date.now() - started) / 1000;
  console.log(`\nsecurity audit — ${machineDescription()} — ${durationS.toFixed(0)} s\n`);
  printAuditTable(rows, total);
  const date = new Date().toISOString();
  const report = {
    area: 'security-audit',
    machine: machineDescription(),
    date,
    durationS,
    checks: rows,
    total,
  };
  writeFileAtomic(RESULTS, `${JSON.stringify(report, null, 2)}\n`, 0o644);
  console.log(`\nwrote ${RESULTS}`);
  return total.survived === total.tried ? 0 : 1;
}

process.exitCode = await main();
