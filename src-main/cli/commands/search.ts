import { parseArgs } from 'node:util';
import { GRAPH_SEARCH_MODES, type GraphSearchMode, type GraphSearchResult } from '../../contract/graph.ts';
import { createCore } from '../../core/create-core.ts';
import { dispatch } from '../../core/dispatch.ts';
import { NODE_KINDS, type NodeKind } from '../../graph/model.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError, type CliIo } from '../io.ts';

export const searchHelp = `motiv search "query" [--mode lexical|vector|hybrid] [--kind KIND]… [--limit N] [--json]

Searches the graph through the app's graph.search channel. lexical: BM25 over names, aliases, descriptions;
vector: cosine over the graph's embeddings (the query is embedded with the model the vectors came from: the
local all-MiniLM-L6-v2 after "motiv embed", or the configured endpoint's); hybrid (default): both, fused.
Hybrid without usable vectors runs lexically and says why; vector mode then fails with the reason.

  --kind KIND   Problem, Challenge, Solution, Paper, Idea or Topic (repeat for several)
  --limit N     hits to show (default 10, at most 100)
  --json        print the result as JSON`;

export async function searchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      mode: { type: 'string', default: 'hybrid' },
      kind: { type: 'string', multiple: true },
      limit: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
    },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search needs a query, e.g. motiv search "long reasoning chains"');
  if (!(GRAPH_SEARCH_MODES as readonly string[]).includes(values.mode)) {
    throw new UsageError(`--mode: expected one of ${GRAPH_SEARCH_MODES.join(', ')}, got "${values.mode}"`);
  }
  for (const kind of values.kind ?? []) {
    if (!(NODE_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind: expected one of ${NODE_KINDS.join(', ')}, got "${kind}"`);
    }
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new UsageError(`--limit: expected a whole number 1–100, got "${values.limit}"`);
  }
  const core = createCore({ env: io.env });
  try {
    const payload = {
      query,
      mode: values.mode as GraphSearchMode,
      limit,
      ...(values.kind?.length ? { kinds: values.kind as NodeKind[] } : {}),
    };
    const reply = await dispatch(core.handlers, 'graph.search', payload, { transport: 'cli' }, core.logger);
    if ('error' in reply) throw AppError.fromBody(reply.error);
    const result = reply.result as GraphSearchResult;
    io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
    return 0;
  } finally {
    await core.close();
  }
}

function formatResult(result: GraphSearchResult): string {
  const lines = [`${result.hits.length} hit(s), ${result.mode} search`];
  if (result.note) lines.push(result.note);
  result.hits.forEach((hit, index) => {
    lines.push(
      `${String(index + 1).padStart(3)}. [${hit.node.kind}] ${hit.node.name}  (${hit.score.toFixed(3)})`,
    );
  });
  return `${lines.join('\n')}\n`;
}
