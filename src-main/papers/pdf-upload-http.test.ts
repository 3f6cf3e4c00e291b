import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core/create-core.ts';
import { startBrowserServer } from '../server/http-server.ts';
import type { BrowserServer } from '../server/http-server.ts';
import { flateOfZeros, textContent, writePdf } from '../test-support/pdf-writer.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/**
 * The browser-mode upload path (`papers.import` over HTTP): a PDF bomb among the uploads is refused by page and
 * limit, the good file beside it imports, and the server keeps answering other requests while the bomb is read.
 */

const tempDir = useTempDirs();
let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function invoke(
  s: BrowserServer,
  channel: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: `/api/invoke/${channel}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-motiv-token': s.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('papers.import over HTTP with a PDF bomb', () => {
  it('refuses the bomb by page and limit, imports the good file, and answers other requests meanwhile', async () => {
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    server = await startBrowserServer({
      core: createCore({ env: { MOTIV_DATA_DIR: tempDir() } }),
      staticDir,
    });
    const s = server;

    const bomb = writePdf([
      { content: textContent(['A Paper With a Bomb Inside']) },
      { content: await flateOfZeros(300 * 1024 * 1024), flate: true },
    ]);
    const good = writePdf([{ content: textContent(['An Honest Paper About Planning'], 18) }]);
    const base = process.memoryUsage().rss;
    let peak = base;
    const latencies: number[] = [];
    let importing = true;
    const pings = (async (): Promise<void> => {
      while (importing) {
        const started = Date.now();
        const reply = await invoke(s, 'app.info', {});
        expect(reply.status).toBe(200);
        latencies.push(Date.now() - started);
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const reply = await invoke(s, 'papers.import', {
      files: [
        { name: 'bomb.pdf', contentBase64: bomb.toString('base64') },
        { name: 'good.pdf', contentBase64: good.toString('base64') },
      ],
    });
    importing = false;
    await pings;

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      result: {
        sources: [
          {
            file: 'bomb.pdf',
            error: {
              code: 'IMPORT_LIMIT_EXCEEDED',
              details: { file: 'bomb.pdf', page: 2, limit: 'streamBytes' },
            },
          },
          { file: 'good.pdf', papers: [{ title: 'An Honest Paper About Planning', status: 'created' }] },
        ],
      },
    });
    const growthMb = (peak - base) / 1024 / 1024;
    console.info(
      `upload: ${latencies.length} pings, slowest ${Math.max(...latencies)} ms, RSS growth ${growthMb.toFixed(0)} MB`,
    );
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(growthMb).toBeLessThan(200);
  });
});
