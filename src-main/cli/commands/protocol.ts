import { readFileSync, statSync } from 'node:fs';
import type { ResponseOf } from '../../contract/channels.ts';
import type { EventPayload } from '../../contract/events.ts';
import { PROTOCOL_PRESETS } from '../../contract/protocol.ts';
import type { ProtocolPresetName, ProtocolSetting } from '../../contract/protocol.ts';
import { MAX_TOPICS_FILE_BYTES, topicsFromCsv } from '../../judge/protocol-topics.ts';
import { ErrorCodeSchema } from '../../contract/errors.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withInterruptibleCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

/** `motiv protocol`: a protocol run through the protocol.* channels, printed as the paper's table. */

export const protocolHelp = `motiv protocol <topics.csv> [--settings full,no-graph,no-mentor,full@MODEL] [--ideas N] [--seeds 1,2,3]
               [--rounds R] [--name NAME] [--json]
motiv protocol --resume <runId> [--json]

  Runs the paper's evaluation on your topics: for every topic and setting an ideation session of N ideas
  (settings: ${Object.keys(PROTOCOL_PRESETS).join(', ')}; <preset>@<model> runs the researcher on another
  model), direct scores, a Swiss tournament per topic and
  seed over all settings' ideas, diversity and length; prints per setting the scores, ELO (mean ± sd over
  seeds), diversity, length, tokens and cost per idea. topics.csv has a header row with a "topic" column.
  The cost estimate is printed before it starts. Ctrl-C cancels; everything done is kept, and
  --resume continues a cancelled or interrupted run without paying again.`;

const DIMS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;

function intList(value: string, name: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => !/^\d+$/.test(s)))
    throw new UsageError(`--${name}: whole numbers separated by commas`);
  return items.map(Number);
}

/** `full`, `no-graph`…, or `<preset>@<model>`: that preset with another researcher model (e.g. full@llama3.1:8b). */
function settingsOf(value: string): ProtocolSetting[] {
  return value.split(',').map((item) => {
    const [name = '', ...rest] = item.trim().split('@');
    const model = rest.join('@').trim();
    if (!Object.hasOwn(PROTOCOL_PRESETS, name)) {
      throw new UsageError(
        `--settings: unknown "${name}" (one of ${Object.keys(PROTOCOL_PRESETS).join(', ')}, or <preset>@<model>)`,
      );
    }
    const preset = PROTOCOL_PRESETS[name as ProtocolPresetName];
    if (rest.length === 0) return preset;
    if (model === '') throw new UsageError(`--settings: "${item}" names no model after @`);
    // The setting's name keeps to the characters a table cell and a file name take; the model stays as given.
    return { ...preset, name: `${name}+${model.replace(/[^A-Za-z0-9._-]+/g, '-')}`.slice(0, 60), model };
  });
}

function readTopics(file: string): string[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('NOT_FOUND', `${file}: no such file`, { file });
  }
  if (size > MAX_TOPICS_FILE_BYTES) {
    throw new AppError(
      'VALIDATION',
      `${file}:1: the file is ${size} bytes; a topic list is one topic per row`,
      {
        file,
        line: 1,
      },
    );
  }
  return topicsFromCsv(readFileSync(file, 'utf8'), file);
}

const num = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

function render(run: ResponseOf<'protocol.get'>): string {
  const header = ['setting', 'ideas', ...DIMS, 'N/E/M', 'ELO', 'diversity', 'words', 'tokens/idea', '$/idea'];
  const rows = run.table.map((r) => [
    r.setting,
    String(r.ideas),
    ...DIMS.map((d) => num(r[d]?.mean, 2)),
    num(r.paperMean, 2),
    r.eloAverage ? `${r.eloAverage.mean.toFixed(0)} ± ${r.eloAverage.sd.toFixed(0)}` : '–',
    num(r.diversity, 3),
    num(r.meanLength, 0),
    num(r.tokensPerIdea, 0),
    r.costPerIdea === null ? 'unpriced' : `$${r.costPerIdea.toFixed(4)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const seeds = run.plan.seeds.join(', ');
  return [
    line(header),
    ...rows.map(line),
    `run ${run.id} (${run.state}); ${run.plan.topics.length} topics, seeds ${seeds}, ${run.plan.rounds} rounds; ` +
      `judge ${run.judgeModel ?? '?'}, rubrics ${run.rubricVersion ?? '?'}; cost $${run.costUsd.toFixed(4)}`,
    ...(run.comparability ? [run.comparability] : []),
    "the paper's Table 1 (DeepSeek-V3, Fast-Reviewer): 8.39 / 8.64 / 8.70, average ELO 1064 (motiv protocol " +
      'reference figures: protocol.reference)',
  ].join('\n');
}

export async function protocolCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    strings: ['settings', 'ideas', 'seeds', 'rounds', 'name', 'resume'],
    flags: ['json'],
    positionals: true,
  });
  if ((positionals.length === 1) === (values.resume !== undefined) || positionals.length > 1) {
    throw new UsageError(`give one topics.csv or --resume <runId>\n\n${protocolHelp}`);
  }
  const plan =
    values.resume === undefined
      ? {
          topics: readTopics(positionals[0] ?? ''),
          settings: settingsOf(values.settings ?? 'full,no-graph,no-mentor'),
          ...(values.ideas !== undefined ? { ideasPerTopic: intList(values.ideas, 'ideas')[0] ?? 0 } : {}),
          ...(values.seeds !== undefined ? { seeds: intList(values.seeds, 'seeds') } : {}),
          ...(values.rounds !== undefined ? { rounds: intList(values.rounds, 'rounds')[0] ?? 0 } : {}),
        }
      : null;
  const run = await withInterruptibleCliCore(io, async (core, signal) => {
    let runId = values.resume ?? '';
    if (plan) {
      const estimate = await callCore(core, 'protocol.estimate', plan);
      const cost =
        estimate.costUsd === null
          ? `unpriced (${estimate.unpricedModels.join(', ')})`
          : `$${estimate.costUsd.toFixed(2)}`;
      io.err(
        `estimate: ${estimate.sessions} sessions, up to ${estimate.ideationCalls} ideation calls, ${estimate.judgeCalls} judge calls, ` +
          `~${estimate.tokens} tokens, ${cost} (an estimate, not a quote)\n`,
      );
      runId = (
        await callCore(core, 'protocol.start', { ...plan, ...(values.name ? { name: values.name } : {}) })
      ).runId;
    } else {
      await callCore(core, 'protocol.resume', { runId });
    }
    const unsubscribe = core.events.subscribe((name, payload) => {
      const event = payload as EventPayload<'protocol.event'>;
      if (name !== 'protocol.event' || event.runId !== runId) return;
      io.err(
        `${event.progress.stage} ${event.progress.done}/${event.progress.total}  $${event.costUsd.toFixed(4)}\n`,
      );
    });
    const cancel = (): void => void callCore(core, 'protocol.cancel', { runId }).catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await core.services.protocol.whenSettled(runId);
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', cancel);
    }
  });
  if (run.state === 'failed') {
    const code = ErrorCodeSchema.safeParse(run.error?.code);
    throw new AppError(
      code.success ? code.data : 'INTERNAL',
      `Protocol run ${run.id} failed: ${run.error?.message}`,
      {
        runId: run.id,
      },
    );
  }
  if (run.state !== 'completed') {
    io.err(`protocol run ${run.id} is ${run.state}; continue it with: motiv protocol --resume ${run.id}\n`);
    return 1;
  }
  io.out(values.json ? `${JSON.stringify(run, null, 2)}\n` : `${render(run)}\n`);
  return 0;
}
