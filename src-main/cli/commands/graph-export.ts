import { basename, dirname, join } from 'node:path';
import { GRAPH_EXPORT_FORMATS, type GraphExportFormat } from '../../contract/graph-curation.ts';
import type { Core } from '../../core/create-core.ts';
import { writeFileAtomic } from '../../shared/atomic-write.ts';
import { callCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

/**
 * `motiv graph export --format json|graphml|csv [--out FILE] [--ids ID,ID…]`: the `graph.export` channel the
 * Graph section calls. JSON and GraphML go to FILE or stdout; CSV is two tables, written beside FILE as
 * `<name>.nodes.csv` and `<name>.edges.csv`.
 */
export async function exportGraphCommand(
  core: Core,
  io: CliIo,
  options: { format?: string | undefined; out?: string | undefined; ids?: string | undefined },
): Promise<number> {
  const format = parseFormat(options.format);
  if (format === 'csv' && !options.out) {
    throw new UsageError('--format csv writes two files (nodes and edges): give --out FILE');
  }
  const ids = options.ids
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const result = await callCore(core, 'graph.export', { format, ...(ids?.length ? { ids } : {}) });
  if (!options.out) {
    io.out(result.files[0]?.text ?? '');
    return 0;
  }
  const stem = basename(options.out).replace(/\.(json|graphml|csv)$/i, '');
  const written = result.files.map((file) => {
    const path =
      format === 'csv'
        ? join(dirname(options.out as string), file.name.replace('motivgraph', stem))
        : options.out;
    writeFileAtomic(path as string, file.text, 0o644);
    return path as string;
  });
  io.err(`exported ${result.nodes} nodes and ${result.edges} edges: ${written.join(', ')}\n`);
  return 0;
}

function parseFormat(format: string | undefined): GraphExportFormat {
  const known: readonly string[] = GRAPH_EXPORT_FORMATS;
  if (!format || !known.includes(format)) {
    throw new UsageError(`export needs --format ${GRAPH_EXPORT_FORMATS.join('|')}`);
  }
  return format as GraphExportFormat;
}
