import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../contract/reports.ts';
import { writeFileAtomic } from '../../shared/atomic-write.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

/** `motiv export`: the `ideas.export` channel through dispatch (the app's Export menu), written to a file. */

export const exportHelp = `motiv export <idea-id…> --format md|html|pdf|json|bibtex [--out DIR] [--force]

  Exports the ideas as one report: Markdown, self-contained HTML, PDF, JSON (schemaVersion 1) or the BibTeX of
  the papers they cite. The file is named after the idea (or "ideas-<n>" for several) and written to DIR
  (default: the current directory); an existing file is kept unless --force is given.`;

const isFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    strings: ['format', 'out'],
    flags: ['force'],
    positionals: true,
  });
  if (positionals.length === 0) throw new UsageError('give at least one idea id');
  const format = values.format;
  if (format === undefined || !isFormat(format)) {
    throw new UsageError(
      `--format must be one of ${EXPORT_FORMATS.join(', ')}${format ? ` (got ${format})` : ''}`,
    );
  }
  const dir = resolve(values.out ?? process.cwd());
  const file = await withCliCore(io, (core) =>
    callCore(core, 'ideas.export', { ideaIds: positionals, format }),
  );
  const path = join(dir, file.fileName);
  if (!values.force && existsSync(path)) {
    throw new UsageError(`${path} exists; give --force to replace it`);
  }
  writeFileAtomic(
    path,
    file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content,
    0o644,
  );
  io.out(`${path}\n`);
  return 0;
}
