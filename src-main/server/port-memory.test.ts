import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { listenOnStablePort, PORT_FILE_NAME, rememberedPort } from './port-memory.ts';

const tempDir = useTempDirs();
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A real TCP listener on loopback, like the browser-mode server. */
function listen(port: number): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve({ port: (server.address() as AddressInfo).port, server });
    });
  });
}

async function stop(server: Server): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
}

describe('browser-mode port memory', () => {
  it('reuses the last port on the next start, so the origin (and its IndexedDB) stays the same', async () => {
    const dir = tempDir();
    const first = await listenOnStablePort(dir, null, listen);
    expect(rememberedPort(dir)).toBe(first.port);
    await stop(first.server);

    const second = await listenOnStablePort(dir, null, listen);
    expect(second.port).toBe(first.port);
  });

  it('falls back to a free port when the remembered one is taken, and remembers the new one', async () => {
    const dir = tempDir();
    const first = await listenOnStablePort(dir, null, listen);
    // first still listens: a second server on the same data dir (or any other program) holds the port.
    const second = await listenOnStablePort(dir, null, listen);
    expect(second.port).not.toBe(first.port);
    expect(rememberedPort(dir)).toBe(second.port);
  });

  it('an explicit --port wins and is not remembered; --port 0 means any free port', async () => {
    const dir = tempDir();
    const remembered = await listenOnStablePort(dir, null, listen);
    await stop(remembered.server);
    const anyPort = await listenOnStablePort(dir, 0, listen);
    expect(anyPort.port).not.toBe(0);
    expect(rememberedPort(dir)).toBe(remembered.port);
    const occupied = await listen(0);
    await expect(listenOnStablePort(dir, occupied.port, listen)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('a damaged port file only costs the stable origin', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, PORT_FILE_NAME), '{"port": "eighty"');
    expect(rememberedPort(dir)).toBeNull();
    const started = await listenOnStablePort(dir, null, listen);
    expect(rememberedPort(dir)).toBe(started.port);
  });
});
