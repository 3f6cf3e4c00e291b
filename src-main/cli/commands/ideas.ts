import type { LibraryEntry } from '../../contract/library.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';
import { table } from '../table.ts';
import type { Core } from '../../core/create-core.ts';

export const ideasHelp = `motiv ideas <subcommand> [options]

  list [--all] [--json]          every idea: your sessions' and, on a lab Neo4j, your lab members' (archived
                                 ones only with --all)
  search <words…> [--json]       full text over titles, abstracts, your notes and the dialogues
  archive <id>                   hide an idea from the list (restore brings it back)
  restore <id>
  tag <id> <tag…>                add tags to an idea
  delete <id> --confirm <id>     delete an archived idea for good; "motiv ideas undelete <id>" brings it back
                                 for 10 minutes
  undelete <id>

Tags, notes and archive live in library.sqlite in the data directory.`;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function entryRow(e: LibraryEntry): string[] {
  const score = e.scores ? e.scores.paperMean.toFixed(1) : '-';
  const elo = e.elo ? Math.round(e.elo.eloAverage).toString() : '-';
  return [
    e.id,
    e.archived ? `${e.status} (archived)` : e.status,
    clip(e.title, 60),
    clip(e.topic, 30),
    e.author ?? '-',
    score,
    elo,
    e.tags.join(','),
  ];
}

const HEADER = ['ID', 'STATUS', 'TITLE', 'TOPIC', 'AUTHOR', 'SCORE', 'ELO', 'TAGS'];

async function list(core: Core, io: CliIo, all: boolean, json: boolean): Promise<number> {
  const listed = await callCore(core, 'library.list', {});
  const entries = listed.entries
    .filter((e) => all || !e.archived)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  for (const gap of listed.unavailable) io.err(`note: ${gap.source} ideas missing: ${gap.message}\n`);
  io.out(json ? `${JSON.stringify(entries, null, 2)}\n` : table(HEADER, entries.map(entryRow)));
  return 0;
}

async function search(core: Core, io: CliIo, query: string, json: boolean): Promise<number> {
  const { hits } = await callCore(core, 'library.search', { query });
  if (json) io.out(`${JSON.stringify(hits, null, 2)}\n`);
  else
    io.out(
      table(
        ['ID', 'FIELD', 'SNIPPET'],
        hits.map((h) => [h.id, h.field, clip(h.snippet.replace(/\s+/g, ' '), 100)]),
      ),
    );
  return 0;
}

async function tag(core: Core, io: CliIo, ideaId: string, tags: string[]): Promise<number> {
  const { entries } = await callCore(core, 'library.list', {});
  const entry = entries.find((e) => e.id === ideaId);
  // Unknown ids fall through to the service, which answers NOT_FOUND naming the id.
  const saved = await callCore(core, 'library.update', {
    ideaId,
    baseRevision: entry?.metaRevision ?? 0,
    tags: [...(entry?.tags ?? []), ...tags],
  });
  io.out(`${ideaId}: ${saved.tags.join(', ')}\n`);
  return 0;
}

export async function ideasCommand(args: string[], io: CliIo): Promise<number> {
  const [sub = 'list', ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, {
    strings: ['confirm'],
    flags: ['all', 'json'],
    positionals: true,
  });
  const [id, ...more] = positionals;
  const needId = (): string => {
    if (!id) throw new UsageError(`${sub} needs an idea id`);
    return id;
  };
  switch (sub) {
    case 'list':
      return withCliCore(io, (core) => list(core, io, values.all, values.json));
    case 'search':
      if (positionals.length === 0) throw new UsageError('search needs words to look for');
      return withCliCore(io, (core) => search(core, io, positionals.join(' '), values.json));
    case 'archive':
    case 'restore': {
      const ideaId = needId();
      return withCliCore(io, async (core) => {
        const meta = await callCore(core, sub === 'archive' ? 'library.archive' : 'library.restore', {
          ideaId,
        });
        io.out(`${ideaId}: ${meta.archived ? 'archived' : 'restored'}\n`);
        return 0;
      });
    }
    case 'tag': {
      const ideaId = needId();
      if (more.length === 0) throw new UsageError('tag needs at least one tag');
      return withCliCore(io, (core) => tag(core, io, ideaId, more));
    }
    case 'delete': {
      const ideaId = needId();
      return withCliCore(io, async (core) => {
        const { undoUntil } = await callCore(core, 'library.delete', {
          ideaId,
          confirm: values.confirm ?? '',
        });
        io.out(`${ideaId}: deleted; "motiv ideas undelete ${ideaId}" brings it back until ${undoUntil}\n`);
        return 0;
      });
    }
    case 'undelete': {
      const ideaId = needId();
      return withCliCore(io, async (core) => {
        await callCore(core, 'library.undelete', { ideaId });
        io.out(`${ideaId}: back in the library\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(`unknown subcommand: ${sub}`);
  }
}
