import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core.ts';
import { dispatch } from '../core/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import { AppError } from '../shared/errors.ts';
import { readJsonBody } from './read-body.ts';
import { hostAllowed, originAllowed, tokenPresented } from './request-guard.ts';
import { loadStaticFile, safeDecode } from './static-files.ts';

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
}

const API_PREFIX = '/api/';
const INVOKE_PREFIX = '/api/invoke/';
const HEARTBEAT_MS = 15_000;

/**
 * Browser mode: the same handler table as Electron IPC, over HTTP on 127.0.0.1, with server-sent events for
 * pushes. Every API request needs the per-run token in its header (the static page, which holds no data, does
 * not); foreign Origins and Hosts are refused; no CORS headers are sent.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, staticDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Logged under an id the reply names; the raw message never goes out.
      const body = replyErrorOf(err, core.logger, { where: 'browser server', path: req.url?.split('?')[0] });
      if (!res.headersSent) sendJson(res, 500, { error: body });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!hostAllowed(req, port)) return sendError(res, 403, new AppError('FORBIDDEN', 'Host not allowed'));
    if (!originAllowed(req, port))
      return sendError(res, 403, new AppError('FORBIDDEN', 'Origin not allowed'));
    if (!url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, new AppError('BAD_REQUEST', 'Method not allowed'));
      }
      return serveStatic(res, url);
    }
    if (!tokenPresented(req, token)) {
      return sendError(
        res,
        401,
        new AppError('UNAUTHORIZED', 'Missing or wrong token: open the URL printed at start'),
      );
    }

    if (url.pathname.startsWith(INVOKE_PREFIX)) {
      if (req.method !== 'POST') return sendError(res, 405, new AppError('BAD_REQUEST', 'Use POST'));
      const channel = safeDecode(url.pathname.slice(INVOKE_PREFIX.length));
      if (channel === null) {
        return sendError(res, 400, new AppError('BAD_REQUEST', 'Channel name is not valid percent-encoding'));
      }
      let payload: unknown;
      try {
        payload = await readJsonBody(req);
      } catch (err) {
        // Anything but the reader's own refusals is a fault: the outer catch logs it under an id.
        if (!(err instanceof AppError)) throw err;
        const status = err.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
        res.setHeader('connection', 'close');
        return sendError(res, status, err);
      }
      const reply = await dispatch(core.handlers, channel, payload, { transport: 'http' }, core.logger);
      return sendJson(res, 200, reply);
    }

    if (url.pathname === '/api/events') return openEventStream(res);
    return sendError(res, 404, new AppError('NOT_FOUND', 'No such API path'));
  }

  function serveStatic(res: ServerResponse, url: URL): void {
    const lookup = loadStaticFile(staticDir, url.pathname);
    if (lookup.kind === 'bad-path') return sendError(res, 400, new AppError('BAD_REQUEST', 'Bad path'));
    if (lookup.kind === 'not-built') {
      // The folder goes to the log (the operator's), never into a reply (anyone's).
      core.logger.error('renderer not built', { staticDir });
      return sendError(res, 404, new AppError('NOT_FOUND', 'Renderer not built: run "npm run build"'));
    }
    const { file } = lookup;
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(file.body);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, err: AppError): void {
  sendJson(res, status, { error: err.toBody() });
}
