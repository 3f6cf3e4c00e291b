import { readFileSync, writeFileSync } from 'node:fs';
import { AnnotationsListSchema, type AnnotationsList } from '../../contract/annotations.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { AppError } from '../../shared/errors.ts';
import { describeIssues, fieldIssues } from '../../shared/zod-issues.ts';
import { UsageError, type CliIo } from '../io.ts';

export const annotationsHelp = `motiv annotations <subcommand> [options]

  dump [--out FILE]   your method annotations (stars, tags, notes, links) and added methods as JSON
  restore FILE        put a dump back in one transaction; rows in the file replace the same rows in the data dir

They live in annotations.sqlite in the data directory, apart from the graph: "motiv graph dump" does not
include them, so back up both.`;

/** Reads and validates the whole file before anything is written. */
function readDump(file: string): AnnotationsList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(
      'VALIDATION',
      `${file}: not a readable JSON file (${err instanceof Error ? err.message : ''})`,
      {
        file,
      },
    );
  }
  const parsed = AnnotationsListSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError('VALIDATION', `${file}: ${describeIssues(issues)}`, { file, issues });
  }
  return parsed.data;
}

export async function annotationsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { strings: ['out'], positionals: true });
  if (sub !== 'dump' && sub !== 'restore') throw new UsageError(`unknown subcommand: ${sub ?? '(none)'}`);
  const file = positionals[0];
  if (sub === 'restore' && !file) throw new UsageError('restore needs a dump file');
  const dump = sub === 'restore' && file ? readDump(file) : null;
  return withCliCore(io, async (core) => {
    if (dump) {
      const restored = await callCore(core, 'annotations.restore', dump);
      io.out(`restored ${restored.annotations} annotations and ${restored.userMethods} methods\n`);
      return 0;
    }
    const text = `${JSON.stringify(await callCore(core, 'annotations.list', {}), null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      io.err(`wrote ${values.out}\n`);
    } else io.out(text);
    return 0;
  });
}
