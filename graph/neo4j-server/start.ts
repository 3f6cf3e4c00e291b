/**
 * Assembles and starts a real Neo4j Community 5.26 (embedded, Bolt on 127.0.0.1, auth off) for tests and local
 * development. Jars come from Maven Central via `mvn` into `.cache/neo4j/` and are reused between runs; the data
 * directory is a fresh temp dir unless one is given. CLI: `node graph/neo4j-server/start.ts [--data DIR] [--port N]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const HERE = import.meta.dirname;
const REPO_ROOT = resolve(HERE, '../..');
const CACHE_DIR = join(REPO_ROOT, '.cache', 'neo4j');
const POM = join(HERE, 'pom.xml');
const LAUNCHER_SOURCE = join(HERE, 'Launcher.java');
const READY_TIMEOUT_MS = 180_000;
// Modest heap for a 2-core machine shared with the app, vitest workers and Chromium.
const jvmOptions = (heapMb: number): string[] => [
  '-Xms128m',
  `-Xmx${heapMb}m`,
  '-XX:+UseSerialGC',
  '-XX:+ExitOnOutOfMemoryError',
];

export interface StartNeo4jOptions {
  /** Keep the database here across runs; by default a temp dir that stop() deletes. */
  dataDir?: string;
  /** Bolt port; 0 (default) lets the OS choose a free one inside the JVM, so parallel runs never collide. */
  port?: number;
  /** Turn authentication on (user neo4j, password neo4j, expired): for tests of credential errors only. */
  auth?: boolean;
  /** JVM heap; 512 MB suits the test suite, a paper-scale benchmark load needs a few GB. */
  heapMb?: number;
  /** Off-heap page cache; 128 MB by default. */
  pageCacheMb?: number;
  /** `db.memory.transaction.max` in MB, as servers with a per-transaction memory limit have; 0 (default) = none. */
  transactionMaxMb?: number;
  /** Progress lines (fetching jars, compiling); silent by default. */
  log?: (line: string) => void;
}

export interface RunningNeo4j {
  uri: string;
  port: number;
  /** Wall time from spawning the JVM until Bolt accepted connections. */
  startMs: number;
  stop(): Promise<void>;
}

/** The Neo4j version the pom pins, read from the pom so there is one source of truth. */
export function neo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new Error(`No <neo4j.version> in ${POM}`);
  return match[1];
}

function shortHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { cwd: HERE, encoding: 'utf8' });
  if (result.error)
    throw new Error(`${what}: cannot run ${command} (${result.error.message}). Is it installed?`);
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.trim());
  }
}

/**
 * Builds `dir` with `build(tmp)` into a sibling temp dir, then renames it into place, so a crashed or concurrent
 * run never leaves a half-filled cache entry behind.
 */
function ensureDir(dir: string, build: (tmp: string) => void): void {
  if (existsSync(dir)) return;
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(`${dir}.tmp-`);
  try {
    build(tmp);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another process won the race; its copy is equally good.
      if (!existsSync(dir)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Fetches the jars and compiles the launcher when the cache lacks them; returns the Java classpath. */
export function prepareNeo4j(log: (line: string) => void = () => {}): string {
  const libDir = join(CACHE_DIR, `lib-${neo4jVersion()}-${shortHash(POM)}`);
  ensureDir(libDir, (tmp) => {
    log(`Fetching Neo4j ${neo4jVersion()} jars from Maven Central into ${libDir} …`);
    run(
      'mvn',
      ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`],
      'mvn dependency:copy-dependencies',
    );
  });
  const classesDir = join(CACHE_DIR, `classes-${shortHash(LAUNCHER_SOURCE)}-${shortHash(POM)}`);
  ensureDir(classesDir, (tmp) => {
    log('Compiling the Neo4j launcher …');
    run('javac', ['-d', tmp, '-cp', join(libDir, '*'), LAUNCHER_SOURCE], 'javac Launcher.java');
  });
  return [classesDir, join(libDir, '*')].join(':');
}

function waitForReady(child: ChildProcess, stderrTail: () => string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not report READY within ${READY_TIMEOUT_MS} ms.\n${stderrTail()}`));
    }, READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited before READY (code ${code}, signal ${signal}).\n${stderrTail()}`));
    };
    child.once('exit', onExit);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start java (${err.message}). Is a Java 17+ runtime on PATH?`));
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      const match = /^READY (\d+)$/m.exec(buffered);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolvePort(Number(match[1]));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Starts Neo4j and resolves once Bolt accepts connections. */
export async function startNeo4j(options: StartNeo4jOptions = {}): Promise<RunningNeo4j> {
  const log = options.log ?? (() => {});
  const classpath = prepareNeo4j(log);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'motiv-neo4j-'));
  mkdirSync(dataDir, { recursive: true });

  const started = performance.now();
  // stdin stays a pipe: if this Node process dies, the pipe closes and the launcher exits on its own.
  const child = spawn(
    'java',
    [
      ...jvmOptions(options.heapMb ?? 512),
      '-cp',
      classpath,
      'Launcher',
      dataDir,
      String(options.port ?? 0),
      options.auth ? 'auth' : 'noauth',
      String(options.pageCacheMb ?? 128),
      String(options.transactionMaxMb ?? 0),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const port = await waitForReady(child, () => stderr).catch((err: unknown) => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const startMs = Math.round(performance.now() - started);

  let stopping: Promise<void> | undefined;
  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    startMs,
    stop() {
      stopping ??= stopProcess(child).then(() => {
        if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      });
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } } });
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const server = await startNeo4j({
    ...(values.data === undefined ? {} : { dataDir: resolve(values.data) }),
    port: values.port === undefined ? 0 : Number(values.port),
    log,
  });
  log(
    `Neo4j ${neo4jVersion()} ready in ${(server.startMs / 1000).toFixed(1)} s (auth off). Ctrl-C stops it.`,
  );
  process.stdout.write(`${server.uri}\n`);
  const shutdown = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
