import type { AtlasMapResult } from '../../contract/atlas.ts';
import type { Core } from '../../core/create-core.ts';
import { callCore } from '../core-call.ts';
import type { CliIo } from '../io.ts';
import { table } from '../table.ts';

/** `motiv graph map-methods [--dry-run] [--json]`: the `atlas.mapOntoGraph` channel, as the Methods panel calls it. */
export async function mapMethodsCommand(
  core: Core,
  io: CliIo,
  options: { dryRun: boolean; json: boolean },
): Promise<number> {
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'atlas.mapEvent' || options.json) return;
    const event = payload as { state: string; done: number; total: number };
    if (event.state === 'embedding' || event.state === 'writing') {
      io.err(`${event.state} ${event.done}/${event.total}\n`);
    }
  });
  try {
    const result = await callCore(core, 'atlas.mapOntoGraph', { apply: !options.dryRun });
    io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatMapping(result));
    return result.cancelled ? 130 : 0;
  } finally {
    unsubscribe();
  }
}

export function formatMapping({ plan, written }: AtlasMapResult): string {
  const rows = plan.methods.flatMap((method) =>
    method.matches.map((match) => [
      method.name,
      match.challengeName,
      match.score.toFixed(2),
      method.status,
      match.status,
    ]),
  );
  const pairs = rows.length;
  const summary = written
    ? `wrote ${written.nodesCreated} method node(s) and ${written.edgesCreated} edge(s) as proposed; review them in the Graph section's review queue`
    : 'dry run: nothing written (run without --dry-run to propose these)';
  return (
    table(['method', 'challenge', 'score', 'method node', 'edge'], rows) +
    `\n${pairs} match(es) for ${plan.methods.length} of ${plan.methodsConsidered} methods over ${plan.challengesConsidered} challenges ` +
    `(score ≥ ${plan.rules.threshold}, at most ${plan.rules.perMethod} per method and ${plan.rules.perChallenge} per challenge)\n` +
    `${summary}\n`
  );
}
