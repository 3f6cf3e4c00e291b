import { readFileSync, writeFileSync } from 'node:fs';
import { parseCommandArgs } from '../command-args.ts';
import type { GraphStore } from '../../graph/port.ts';
import type { SeedLoadResult } from '../../graph/seed/load-seed.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { exportGraphCommand } from './graph-export.ts';
import { graphUseCommand } from './graph-use.ts';
import { mapMethodsCommand } from './map-methods.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError, type CliIo } from '../io.ts';

export const graphHelp = `motiv graph <subcommand> [options]

  stats [--json]             counts of nodes, edges, review states and embeddings in the configured store
  dump [--out FILE]          the whole graph as versioned JSON (stdout without --out)
  export --format json|graphml|csv [--out FILE] [--ids ID,ID…]
                             the graph or a selection as a JSON dump, GraphML, or CSV (FILE's name + .nodes.csv
                             and .edges.csv; cells starting with = + - @ are prefixed with ')
  restore FILE [--replace]   load a dump into the configured store, in one transaction
  seed                       load the seed graph shipped with the app (graph/seed); re-running changes nothing
  push [--replace]           copy the embedded graph into the configured Neo4j (lab sharing)
  migrate                    apply the Cypher migrations in graph/migrations to Neo4j
  check                      test the connection and the schema of the configured store
  use embedded|neo4j [--uri URI] [--user NAME] [--database NAME] [--force]
                             choose the store (as Settings → Graph store does): a Neo4j that does not answer
                             is refused unless --force; the password is "motiv secrets set neo4j.password"'s
  map-methods [--dry-run] [--json]
                             propose the planning-methods atlas's methods as candidate solutions of matching
                             challenges (local MiniLM, offline); --dry-run shows the matches and writes nothing

The store is the one chosen in Settings (or with "motiv graph use"); MOTIV_NEO4J_URI, when set, wins.
Method annotations and added methods are not part of the graph: back them up with "motiv annotations dump".`;

export async function graphCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, {
    strings: ['out', 'format', 'ids', 'uri', 'user', 'database'],
    flags: ['json', 'replace', 'force', 'dry-run'],
    positionals: true,
  });
  return withCliCore(io, async (core) => {
    switch (sub) {
      case 'stats': {
        // The Graph section's own channel, on the core's graph service.
        const { store, stats } = await callCore(core, 'graph.stats', {});
        io.out(values.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(store.kind, stats));
        return 0;
      }
      case 'dump': {
        const { dump } = await core.services.graphAdmin.dump();
        const text = `${JSON.stringify(dump)}\n`;
        if (values.out) writeFileSync(values.out, text);
        else io.out(text);
        if (values.out) io.err(`wrote ${values.out}\n`);
        return 0;
      }
      case 'export':
        return exportGraphCommand(core, io, values);
      case 'restore': {
        const file = positionals[0];
        if (!file) throw new UsageError('restore needs a dump file');
        const result = await core.services.graphAdmin.restore(parseDumpFile(file), values.replace);
        io.out(`restored ${result.nodes} nodes and ${result.edges} edges into the ${result.kind} store\n`);
        return 0;
      }
      case 'seed': {
        const { kind, result } = await core.services.graphAdmin.seed();
        io.out(formatSeedResult(kind, result));
        return 0;
      }
      case 'push': {
        const result = await core.services.graphAdmin.push(values.replace);
        io.out(`pushed ${result.nodes} nodes and ${result.edges} edges from the embedded store to Neo4j\n`);
        return 0;
      }
      case 'migrate': {
        const applied = await core.services.graphAdmin.migrate();
        io.out(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema up to date\n');
        return 0;
      }
      case 'map-methods':
        return mapMethodsCommand(core, io, { dryRun: values['dry-run'], json: values.json });
      case 'check': {
        const { store, stats } = await callCore(core, 'graph.stats', {});
        io.out(`${store.kind} store reachable, schema version ${stats.schemaVersion}\n`);
        return 0;
      }
      case 'use':
        return graphUseCommand(core, io, positionals[0], values);
      default:
        throw new UsageError(sub ? `unknown subcommand "${sub}"\n\n${graphHelp}` : graphHelp);
    }
  });
}

function parseDumpFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `${file}: cannot read the file`, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('VALIDATION', `${file}: not valid JSON (${err instanceof Error ? err.message : ''})`, {
      file,
    });
  }
}

function formatSeedResult(kind: string, result: SeedLoadResult): string {
  const changed = result.nodesCreated + result.nodesMerged + result.edgesCreated > 0;
  const summary = `${result.nodesCreated} nodes created, ${result.nodesMerged} merged, ${result.edgesCreated} edges created`;
  const provenance = `curated by hand by ${result.curatedBy} on ${result.curatedAt} (graph/seed/README.md)`;
  return changed
    ? `seed graph loaded into the ${kind} store: ${summary} (${result.papers} papers, ${result.nodes} curated nodes)\n${provenance}\n`
    : `seed graph already in the ${kind} store: nothing changed\n`;
}

function formatStats(kind: string, stats: Awaited<ReturnType<GraphStore['stats']>>): string {
  const lines = [`${kind} store, schema version ${stats.schemaVersion}`, '', 'nodes:'];
  for (const [name, count] of Object.entries(stats.nodes)) lines.push(`  ${name.padEnd(14)} ${count}`);
  lines.push('edges:');
  for (const [name, count] of Object.entries(stats.edges)) lines.push(`  ${name.padEnd(14)} ${count}`);
  lines.push('review:');
  for (const [name, count] of Object.entries(stats.review)) lines.push(`  ${name.padEnd(14)} ${count}`);
  if (stats.embeddings.length) {
    lines.push('embeddings:');
    for (const e of stats.embeddings) lines.push(`  ${e.model} (${e.dimension}d): ${e.count}`);
  }
  return `${lines.join('\n')}\n`;
}
