import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.ts';

/**
 * Browser mode's origin is its port, and IndexedDB (the methods cache) is keyed by origin: a new port each run
 * would show the user an empty cache. So `motiv serve` remembers the last port in the data dir and asks for it
 * again; when another program holds it, any free port does (the core, not the cache, keeps the user's data).
 */
export const PORT_FILE_NAME = 'browser-port.json';

export function rememberedPort(dataDir: string): number | null {
  const file = join(dataDir, PORT_FILE_NAME);
  if (!existsSync(file)) return null;
  try {
    const port = (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
  } catch {
    return null; // a damaged memory only costs the stable origin, never the start
  }
}

export function rememberPort(dataDir: string, port: number): void {
  writeFileAtomic(join(dataDir, PORT_FILE_NAME), `${JSON.stringify({ port })}\n`);
}

function addressInUse(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/**
 * Listens where the user asked (`explicitPort`, 0 = any free port; never remembered), else on the remembered port,
 * falling back to a free one when it is taken; the port used by default is remembered for next time.
 */
export async function listenOnStablePort<T extends { port: number }>(
  dataDir: string,
  explicitPort: number | null,
  listen: (port: number) => Promise<T>,
): Promise<T> {
  if (explicitPort !== null) return listen(explicitPort);
  const previous = rememberedPort(dataDir);
  let started: T;
  try {
    started = await listen(previous ?? 0);
  } catch (err) {
    if (previous === null || !addressInUse(err)) throw err;
    started = await listen(0);
  }
  if (started.port !== previous) rememberPort(dataDir, started.port);
  return started;
}
