import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core/create-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { startBrowserServer, type BrowserServer } from './http-server.ts';

const tempDir = useTempDirs();
let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: { built?: boolean } = {}): Promise<BrowserServer> {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  if (options.built !== false)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  server = await startBrowserServer({ core: createCore({ env: { MOTIV_DATA_DIR: tempDir() } }), staticDir });
  return server;
}

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP call, so tests can send any Host, Origin or body a hostile page could. */
function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

function invoke(
  s: BrowserServer,
  channel: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  return call(s.port, `/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-motiv-token': s.token, ...headers },
    body,
  });
}

describe('browser-mode HTTP transport', () => {
  it('binds loopback and prints a tokened URL', async () => {
    const s = await start();
    expect(s.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the same handlers as IPC, in the reply envelope', async () => {
    const s = await start();
    const reply = await invoke(s, 'app.info', '{}');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ result: { transport: 'http', store: 'embedded' } });
  });

  it('refuses requests without the token, with a wrong one, from a foreign Origin or Host', async () => {
    const s = await start();
    expect((await call(s.port, '/api/invoke/app.info', { method: 'POST' })).status).toBe(401);
    expect((await invoke(s, 'app.info', '{}', { 'x-motiv-token': 'nope' })).status).toBe(401);
    const foreign = await invoke(s, 'app.info', '{}', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toEqual({ error: { code: 'FORBIDDEN', message: 'Origin not allowed' } });
    expect((await invoke(s, 'app.info', '{}', { host: 'evil.example:80' })).status).toBe(403);
    expect((await invoke(s, 'app.info', '{}', { origin: `http://127.0.0.1:${s.port}` })).status).toBe(200);
  });

  it('sends no CORS headers and a strict CSP with the page', async () => {
    const s = await start();
    const page = await call(s.port, `/?token=${s.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const preflight = await call(s.port, '/api/invoke/app.info', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps the token off every port but its own: no cookie, header only for the API', async () => {
    const s = await start();
    // Cookies ignore ports: a cookie would reach any other service on 127.0.0.1.
    const page = await call(s.port, `/?token=${s.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    // The static page carries no data and loads without the token; the API never takes it from a URL or cookie.
    expect((await call(s.port, '/index.html')).status).toBe(200);
    const inQuery = await call(s.port, `/api/invoke/app.info?token=${s.token}`, {
      method: 'POST',
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
    const inCookie = await call(s.port, '/api/invoke/app.info', {
      method: 'POST',
      headers: { cookie: `motiv_token_${s.port}=${s.token}` },
      body: '{}',
    });
    expect(inCookie.status).toBe(401);
    expect((await call(s.port, `/api/events?token=${s.token}`)).status).toBe(401);
  });

  it('answers malformed JSON, unknown channels and bad payloads with typed errors', async () => {
    const s = await start();
    const malformed = await invoke(s, 'settings.update', '{"ideation": ');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(JSON.parse((await invoke(s, 'no.such', '{}')).body)).toMatchObject({
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(JSON.parse((await invoke(s, 'settings.update', '[1,2]')).body)).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });

  it('refuses bodies over 10 MB', async () => {
    const s = await start();
    const body = `{"profile":{"displayName":"${'x'.repeat(10 * 1024 * 1024)}"}}`;
    const reply = await invoke(s, 'settings.update', body).catch((err: unknown) => err);
    // Node may cut the socket while we are still sending; either way nothing may be applied.
    if (!(reply instanceof Error)) {
      expect((reply as RawReply).status).toBe(413);
      expect(JSON.parse((reply as RawReply).body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    const settings = JSON.parse((await invoke(s, 'settings.get', '{}')).body) as {
      result: { profile: { displayName: string } };
    };
    expect(settings.result.profile.displayName).toBe('');
  });

  it('pushes core events to server-sent-event clients', async () => {
    const s = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: s.port, path: '/api/events', headers: { 'x-motiv-token': s.token } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('event: settings.changed')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    await invoke(s, 'settings.update', '{"profile":{"displayName":"Lin"}}');
    const text = await received;
    expect(text).toContain('"displayName":"Lin"');
  });

  it('answers a handler fault with INTERNAL and an id, and logs the raw error under that id', async () => {
    const dataDir = tempDir();
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const raw = 'SQLITE_CANTOPEN: /srv/lab/private/graph.sqlite password=hunter2';
    core.handlers['settings.get'] = async () => Promise.reject(new Error(raw));
    server = await startBrowserServer({ core, staticDir });
    const reply = await invoke(server, 'settings.get', '{}');
    const body = JSON.parse(reply.body) as {
      error: { code: string; message: string; details: { errorId: string } };
    };
    const { errorId } = body.error.details;
    expect(body.error).toEqual({
      code: 'INTERNAL',
      message: `Internal error (id ${errorId}); see the log`,
      details: { errorId },
    });
    expect(reply.body).not.toMatch(/SQLITE|\/srv\/lab|hunter2/);
    const logged = readFileSync(core.logger.file, 'utf8');
    expect(logged).toContain(errorId);
    expect(logged).toContain('/srv/lab/private/graph.sqlite');
  });

  it('answers a malformed percent-encoding in a channel name with 400, not 500', async () => {
    const s = await start();
    const reply = await invoke(s, 'app.%E0%A4%A', '{}');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('answers an undecodable static path with 400 and never shows a folder path', async () => {
    const s = await start();
    const reply = await call(s.port, `/%E0%A4%A.js?token=${s.token}`);
    expect(reply.status).toBe(400);
    expect(reply.body).not.toMatch(/\/tmp|Renderer not built/);
  });

  it('answers 404 without the folder path when the renderer is not built', async () => {
    const s = await start({ built: false });
    const reply = await call(s.port, `/?token=${s.token}`);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toMatch(/\/tmp|renderer"/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const s = await start();
    const escape = await call(s.port, `/..%2f..%2fetc%2fpasswd?token=${s.token}`);
    expect(escape.body).not.toContain('root:');
  });
});
