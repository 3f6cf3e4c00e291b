import type { HierarchyKind, HierarchyReport } from '../../mining/hierarchy.ts';
import { parseCommandArgs } from '../command-args.ts';
import { withInterruptibleCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';
import { costLine } from './ideate.ts';
import { miningLlmConfig } from './mining-llm.ts';

export const hierarchyHelp = `motiv hierarchy [--kind Problem|Challenge] [--levels 1] [--from-level 0] [--k N] [--json]

Adds abstract parent nodes over problems and over challenges (parent-node addition, MotivGraph-SoIQ): each node
without a parent, with its k nearest neighbours still ungrouped, goes to the extractor model, which judges whether
they share a coherent more general concept and names it (naming rules enforced, one repair). Each parent gets
PARENT_OF edges to its children and sits one level above them; it is written as soon as it is decided, so a rerun
after Ctrl+C or a crash continues with the nodes still without a parent. --levels 2 repeats the algorithm over the
new parents. Parents arrive as "proposed" unless settings mining.autoApprove is on.

  --kind KIND      Problem or Challenge (default: both, problems first)
  --levels N       levels to add (default 1)
  --from-level N   the level whose nodes get parents first (default 0)
  --k N            neighbours per focal node (default: settings mining.k, 5)
  --json           print the full report as JSON

Similarity: embeddings when MOTIV_LLM_EMBEDDINGS_MODEL (or OpenAI with a key) is configured, else lexical TF-IDF
cosine, named in the output.`;

function intArg(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name}: expected a whole number ${min}–${max}, got "${value}"`);
  }
  return n;
}

function formatReport(report: HierarchyReport): string {
  const lines = [`${report.kind} hierarchy (similarity ${report.method})`];
  for (const level of report.levels) {
    lines.push(
      `  level ${level.level} → ${level.level + 1}: ${level.workingSet} node(s) without a parent, ` +
        `${level.judged} judgement(s), ${level.parents.length} parent(s) added`,
    );
    for (const p of level.parents)
      lines.push(`    "${p.name}" over ${p.children.map((c) => `"${c}"`).join(', ')}`);
    for (const f of level.failures) lines.push(`    not grouped: "${f.focal}": ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function hierarchyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    strings: ['kind', 'levels', 'from-level', 'k'],
    flags: ['json'],
  });
  if (values.kind !== undefined && values.kind !== 'Problem' && values.kind !== 'Challenge') {
    throw new UsageError(`--kind: expected Problem or Challenge, got "${values.kind}"`);
  }
  const kinds: HierarchyKind[] = values.kind ? [values.kind] : ['Problem', 'Challenge'];
  const levels = intArg('--levels', values.levels, 1, 10) ?? 1;
  const fromLevel = intArg('--from-level', values['from-level'], 0, 30) ?? 0;
  const k = intArg('--k', values.k, 1, 20);

  return withInterruptibleCliCore(io, async (core, signal) => {
    if (!miningLlmConfig(core, io, 'hierarchy')) return 1;
    const outcome = await core.services.mining.hierarchyHere({
      kinds,
      levels,
      fromLevel,
      ...(k ? { k } : {}),
      signal,
      onProgress: (kind, p) =>
        io.err(`${kind} level ${p.level}: ${p.parents} parent(s) of ${p.workingSet} node(s)\n`),
    });
    if (outcome.status === 'cancelled') {
      io.err(
        `stopped; the parents added so far are kept, and a rerun continues with the rest\n${costLine(outcome.usage)}\n`,
      );
      return 130;
    }
    const { reports } = outcome;
    io.out(values.json ? `${JSON.stringify(reports, null, 2)}\n` : reports.map(formatReport).join(''));
    io.err(`${costLine(outcome.usage)}\n`);
    return 0;
  });
}
