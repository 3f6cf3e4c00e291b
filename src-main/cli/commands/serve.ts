import { fileURLToPath } from 'node:url';
import { parseCommandArgs } from '../command-args.ts';
import { createCore } from '../../core/create-core.ts';
import { startBrowserServer } from '../../server/http-server.ts';
import { listenOnStablePort } from '../../server/port-memory.ts';
import { UsageError, type CliIo } from '../io.ts';

export const serveHelp = `motiv serve [--port N]

Browser mode: serves the built app on http://127.0.0.1 (loopback only) and prints
  MotivGraph Studio: http://127.0.0.1:<port>/?token=<token>
Open that URL in a browser. Every API request needs the token (the page keeps it in the tab, as a header).
Without --port it reuses the last port (remembered in the data dir), or any free one when that is taken;
--port 0 asks for any free port. Stop with Ctrl+C.`;

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export async function serveCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, { strings: ['port'] });
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--port: not a port: ${values.port}`);

  const core = createCore({ env: io.env });
  const staticDir = io.env['MOTIV_STATIC_DIR'] ?? DEFAULT_STATIC_DIR;
  const server = await listenOnStablePort(core.dataDir, port, (listenPort) =>
    startBrowserServer({ core, staticDir, port: listenPort }),
  );
  // Listen for stop signals before announcing readiness: whoever reads the line may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  core.logger.info('browser mode started', { port: server.port });
  io.out(`MotivGraph Studio: ${server.url}\n`);
  await stopped;
  await server.close();
  await core.close();
  return 0;
}
