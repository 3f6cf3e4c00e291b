import { spawn } from 'node:child_process';
import { auditEnv, MOTIV_MAIN, newDataDir, REPO_ROOT, stopChild } from '../server.ts';
import type { Tally } from '../tally.ts';
import type { Outcome } from '../verdict.ts';
import { leakIn } from '../verdict.ts';

/**
 * Four pairs of `motiv` processes started at once, each pair on its own fresh data dir (both create and migrate
 * it): each process either works or exits with a clear one-line message, never a stack trace; afterwards the
 * data dir still opens (`motiv graph stats`).
 */

const PAIRS: [string[], string[]][] = [
  [
    ['serve', '--port', '0'],
    ['serve', '--port', '0'],
  ],
  [
    ['serve', '--port', '0'],
    ['graph', 'stats'],
  ],
  [
    ['graph', 'stats'],
    ['graph', 'stats'],
  ],
  [['doctor'], ['serve', '--port', '0']],
];
const READY = /MotivGraph Studio: http/;
/** Generous: eight Node processes start at once on a small machine. */
const RUN_TIMEOUT_MS = 60_000;

interface Ran {
  code: number | null;
  output: string;
  served: boolean;
  timedOut: boolean;
}

/** Runs one motiv command; a server counts as done once it prints its URL (then it is stopped). */
function run(args: string[], dataDir: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MOTIV_MAIN, ...args], {
      cwd: REPO_ROOT,
      env: auditEnv(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let served = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!served && READY.test(output)) {
        served = true;
        void stopChild(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stopChild(child);
    }, RUN_TIMEOUT_MS);
    // 'close', not 'exit': the output is complete only once the pipes have closed.
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output, served, timedOut });
    });
  });
}

function judge(ran: Ran): Outcome {
  const leak = leakIn(ran.output, undefined, true);
  if (leak) return { verdict: 'leaked', reason: `output holds ${leak}: ${ran.output.trim().slice(0, 90)}` };
  // `motiv doctor` exits 1 with its whole report when a check fails (the audit's LLM port is closed on purpose).
  const doctorReported = ran.code === 1 && /\nchecks:\n/.test(ran.output) && !/\n\s+at\s/.test(ran.output);
  if (ran.served || ran.code === 0 || doctorReported) return { verdict: 'survived' };
  if (ran.timedOut)
    return { verdict: 'failed', reason: `neither ready nor done in ${RUN_TIMEOUT_MS / 1000} s` };
  const message = ran.output.trim();
  // A clear refusal: a short message, no stack trace, exit code set.
  if (ran.code !== null && message.length > 0 && message.length < 600 && !/\n\s+at\s/.test(message)) {
    return { verdict: 'survived' };
  }
  return { verdict: 'failed', reason: `exit ${ran.code}: ${message.slice(0, 100)}` };
}

export async function startupRace(tally: Tally): Promise<void> {
  const results = await Promise.all(
    PAIRS.map(async ([first, second]) => {
      const dataDir = newDataDir();
      const pair = await Promise.all([run(first, dataDir), run(second, dataDir)]);
      const after = await run(['graph', 'stats'], dataDir);
      return { pair, after, names: [first.join(' '), second.join(' ')] };
    }),
  );
  for (const { pair, after, names } of results) {
    pair.forEach((ran, i) =>
      tally.add('start-up race (4 pairs)', judge(ran), `${names[0]} + ${names[1]} #${i + 1}`),
    );
    tally.add(
      'data dir opens after the race',
      after.code === 0
        ? { verdict: 'survived' }
        : { verdict: 'lost', reason: after.output.trim().slice(0, 100) },
      names.join(' + '),
    );
  }
}
