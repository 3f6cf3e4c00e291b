import { remineable } from '../../mining/job-outcomes.ts';
import type { MiningJobSummary, MiningProgress } from '../../mining/mining-job.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { withInterruptibleCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';
import { costLine } from './ideate.ts';
import { miningLlmConfig } from './mining-llm.ts';

export const mineHelp = `motiv mine [--papers ID,…] [--remine] [--concurrency N] [--no-merge] [--json]
motiv mine --resume JOB_ID [--json]

Mines (problem, challenge, solution) triples from the Paper nodes of the configured graph with the extractor model,
then merges near-identical nodes. Without --papers, every paper no earlier job mined (papers that failed or had
every triple refused stay minable; the summary lists them for --papers). A paper another running job has claimed
is skipped. An API key the endpoint refuses (HTTP 401/403) stops the job at once. Exits 1 when any paper failed. Mined nodes arrive as
"proposed" for review (settings mining.autoApprove to skip that). Names breaking the naming rules go back to the
model once; triples still breaking them are listed, not stored. Progress (n of N, tokens, cost, ETA) goes to
stderr, the summary to stdout. The job is saved paper by paper: Ctrl+C stops it and --resume continues without
paying again for papers already mined, also after a crash.

  --papers ID,…      only these Paper node ids
  --remine           include papers an earlier job already mined
  --concurrency N    papers extracted at the same time (default: settings mining.concurrency, 2)
  --no-merge         skip merging near-identical nodes
  --resume JOB_ID    continue an interrupted or cancelled job
  --json             print the full summary as JSON

Similarity for merging: embeddings when MOTIV_LLM_EMBEDDINGS_MODEL (or OpenAI with a key) is configured, else a
lexical TF-IDF cosine, named in the output. Threshold and LLM confirmation: settings mining.similarityThreshold,
mining.llmConfirmMerges. Jobs live in <data dir>/mining.sqlite.`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new UsageError(`${name}: expected a whole number 1–16, got "${value}"`);
  return n;
}

function progressLine(p: MiningProgress): string | null {
  if (p.phase === 'merging') return 'merging near-identical nodes…';
  if (p.phase !== 'extracting' || !p.paper) return null;
  const eta = p.etaMs === null ? '' : `, ETA ${Math.ceil(p.etaMs / 1000)} s`;
  const what =
    p.paper.status === 'done'
      ? 'mined'
      : p.paper.status === 'refused'
        ? 'every triple REFUSED by the naming rules'
        : p.paper.status === 'skipped'
          ? `skipped (${p.paper.message ?? ''})`
          : `FAILED (${p.paper.message ?? ''})`;
  return (
    `[${p.done + p.failed}/${p.total}] ${what}: ${p.paper.title} — ` +
    `${p.promptTokens + p.completionTokens} tokens, $${p.costUsd.toFixed(4)}${eta}`
  );
}

export function formatMiningSummary(s: MiningJobSummary): string {
  const lines = [
    `job ${s.jobId} (${s.status}): ${s.message}`,
    `triples: ${s.triples.accepted} stored, ${s.triples.rejected} rejected by the naming rules`,
  ];
  for (const o of s.outcomes) {
    if (o.outcome === 'mined') lines.push(`  mined ${o.nodes} node(s) from "${o.title}"`);
    else if (o.outcome === 'refused') lines.push(`  nothing stored from "${o.title}": ${o.message ?? ''}`);
    else if (o.outcome === 'skipped') lines.push(`  skipped "${o.title}": ${o.message ?? ''}`);
  }
  for (const r of s.rejected) {
    lines.push(
      `  rejected from "${r.title}": ${r.violations.map((v) => `${v.kind.toLowerCase()} ${v.field}: ${v.message}`).join('; ')}`,
    );
  }
  for (const f of s.failures) lines.push(`  failed ${f.paperId}: ${f.message}`);
  const again = remineable(s.outcomes);
  if (again.length > 0) lines.push(`mine these again with: motiv mine --papers ${again.join(',')}`);
  if (s.merge) {
    lines.push(
      `merged ${s.merge.merged.length} near-identical node(s) (similarity ${s.merge.method}, threshold ${s.merge.threshold})` +
        (s.merge.declined.length ? `, ${s.merge.declined.length} pair(s) kept apart` : ''),
    );
    for (const m of s.merge.merged)
      lines.push(`  ${m.kind}: "${m.drop.name}" → "${m.keep.name}" (${m.similarity})`);
  }
  return `${lines.join('\n')}\n`;
}

export async function mineCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, {
    strings: ['papers', 'resume', 'concurrency'],
    flags: ['remine', 'no-merge', 'json'],
  });
  const concurrency = positiveInt('--concurrency', values.concurrency);
  const paperIds = values.papers
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (values.papers !== undefined && !paperIds?.length)
    throw new UsageError('--papers: expected comma-separated ids');
  if (values.resume && (paperIds || values.remine))
    throw new UsageError('--resume takes no --papers or --remine');

  // The core's mining service on the configured store; --concurrency and --no-merge have no channel field, so
  // the job runs here through the service rather than `mining.start`.
  return withInterruptibleCliCore(
    io,
    async (core, interrupted) => {
      if (!miningLlmConfig(core, io, 'mine')) return 1;
      let jobId = values.resume ?? '';
      try {
        const summary = await core.services.mining.runHere(
          values.resume
            ? { resume: values.resume }
            : { ...(paperIds ? { paperIds } : {}), remine: values.remine },
          {
            ...(concurrency ? { concurrency } : {}),
            merge: !values['no-merge'],
            signal: interrupted,
            onJob: (id) => {
              jobId = id;
              io.err(`mining job ${id}\n`);
            },
            onProgress: (p) => {
              const line = progressLine(p);
              if (line) io.err(`${line}\n`);
            },
          },
        );
        io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatMiningSummary(summary));
        io.err(`${costLine(summary.usage)}\n`);
        if (summary.usage.requests !== summary.usage.calls) {
          io.err(
            `  requests sent: ${summary.usage.requests} (retries and ${summary.usage.failedCalls} call(s) that failed without an answer included)\n`,
          );
        }
        if (summary.usage.unknownCalls > 0) {
          io.err(
            `  of which ${summary.usage.unknownCalls} call(s) started in a process that ended mid-call (outcome unknown): ` +
              `~${summary.usage.unknownPromptTokens} estimated prompt tokens counted\n`,
          );
        }
        if (summary.status === 'cancelled') {
          io.err(`stopped; continue with: motiv mine --resume ${jobId}\n`);
          return 130;
        }
        if (summary.status === 'failed') {
          io.err(
            `motiv mine: the job failed: ${summary.error ?? ''}\n(continue with: motiv mine --resume ${jobId})\n`,
          );
          return 1;
        }
        if (summary.papers.failed > 0) {
          io.err(`motiv mine: ${summary.papers.failed} paper(s) failed: ${summary.message}\n`);
          return 1;
        }
        return 0;
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND' && values.resume)
          throw new UsageError(err.message);
        throw err;
      }
    },
    signal,
  );
}
