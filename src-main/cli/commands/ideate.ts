import type { ResponseOf } from '../../contract/channels.ts';
import type { IdeatorEventPayload } from '../../contract/ideator.ts';
import type { Core } from '../../core/create-core.ts';
import { ideaToMarkdown } from '../../ideator/index.ts';
import type { CostReport, UsageTotals } from '../../llm/index.ts';
import { CORE_ASPECTS } from '../../ideator/mentor-policy.ts';
import type { CoreAspect, MentorPolicy } from '../../ideator/mentor-policy.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

export const ideateHelp = `motiv ideate --topic "…" [--ideas 3] [--max-rounds 5] [--mentor-policy weakest|cycle] [--verdict-after LIST]
             [--no-graph] [--no-mentor] [--json|--md]
motiv ideate --resume SESSION_ID [--json|--md]

Runs the Socratic ideator: a researcher explores the graph and drafts ideas, a mentor questions each one until
it accepts or rejects it (or the round limit ends it). Progress goes to stderr, the ideas to stdout (a summary,
or --json / --md), and the cost line comes last. Every turn is saved as it happens: Ctrl+C pauses the session
and --resume continues it without paying again for what was done.

  --topic TEXT        the research topic
  --ideas N           ideas to generate (default: settings, 3)
  --max-rounds N      mentor rounds per idea (default: settings, 5)
  --mentor-policy P   weakest (default): the mentor questions the weakest aspect not yet questioned;
                      cycle: clarity, innovation, feasibility, rationality in turn, a verdict counts at once
  --verdict-after L   weakest only: aspects questioned before a verdict counts, comma-separated, or none
                      (default innovation,feasibility,rationality; needs more max rounds than aspects)
  --no-graph          ablation: no graph tools for the researcher
  --no-mentor         ablation: no deliberation, drafts are final
  --budget TOKENS     prompt budget per call (default 12000)
  --json | --md       output format

The LLM endpoint comes from MOTIV_LLM_BASE_URL / MOTIV_LLM_API_KEY / MOTIV_LLM_MODEL or the settings (the key from
the encrypted secret store). literature_search asks Semantic Scholar, OpenAlex, then arXiv (MOTIV_S2_BASE_URL,
MOTIV_OPENALEX_BASE_URL, MOTIV_ARXIV_BASE_URL), cached in <data dir>/literature-cache.sqlite, else the local graph.
Sessions live in <data dir>/ideator.sqlite; ideas are written to the configured graph (Neo4j when MOTIV_NEO4J_URI
or the Neo4j settings are set, else <data dir>/graph.sqlite).`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name}: expected a positive whole number, got "${value}"`);
  return n;
}

/** `--mentor-policy` and `--verdict-after` as a policy; neither given: undefined (the settings' default). */
function mentorPolicyOption(order?: string, after?: string): MentorPolicy | undefined {
  if (order === undefined && after === undefined) return undefined;
  if (order === 'cycle') {
    if (after !== undefined) throw new UsageError('--verdict-after applies to --mentor-policy weakest only');
    return { order: 'cycle', verdictAfter: [] };
  }
  if (order !== undefined && order !== 'weakest')
    throw new UsageError(`--mentor-policy: expected weakest or cycle, got "${order}"`);
  if (after === undefined) return { order: 'weakest', verdictAfter: [...CORE_ASPECTS] };
  const names = after.trim() === 'none' ? [] : after.split(',').map((a) => a.trim());
  const isCore = (a: string): a is CoreAspect => CORE_ASPECTS.some((c) => c === a);
  const unknown = names.filter((a) => !isCore(a));
  if (unknown.length > 0)
    throw new UsageError(
      `--verdict-after: unknown aspect ${unknown.map((a) => `"${a}"`).join(', ')} (use ${CORE_ASPECTS.join(', ')} or none)`,
    );
  return { order: 'weakest', verdictAfter: [...new Set(names.filter(isCore))] };
}

const money = (cost: CostReport): string =>
  `$${cost.usd.toFixed(4)}${cost.unpricedModels.length ? ` (no price for ${cost.unpricedModels.join(', ')})` : ''}`;

/** The totals a cost line shows (a session's, or a mining job's with more fields). */
type CostTotals = Pick<UsageTotals, 'calls' | 'cachedCalls' | 'promptTokens' | 'completionTokens' | 'cost'>;

export function costLine(usage: CostTotals): string {
  return (
    `cost: ${usage.calls} calls, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens, ` +
    `${money(usage.cost)}${usage.cachedCalls ? `, ${usage.cachedCalls} from cache` : ''}`
  );
}

/** A session as the `ideator.get` channel answers it. */
type SessionDetail = ResponseOf<'ideator.get'>;

function progress(event: IdeatorEventPayload, ideaNumbers: Map<string, number>): string | null {
  if (event.type === 'status')
    return `session ${event.status}${event.error ? `: ${event.error.message}` : ''}`;
  if (event.type === 'retry')
    return `retrying in ${Math.round(event.delayMs)} ms (attempt ${event.attempt}): ${event.message}`;
  if (event.type === 'idea') {
    if (!ideaNumbers.has(event.idea.id)) ideaNumbers.set(event.idea.id, event.idea.index + 1);
    return null;
  }
  if (event.type !== 'turn') return null;
  const t = event.turn;
  const tag = `[idea ${t.ideaId ? (ideaNumbers.get(t.ideaId) ?? '?') : '-'}]`;
  switch (t.kind) {
    case 'researcher':
      return t.toolCalls.length
        ? `${tag} researcher calls ${t.toolCalls.map((c) => c.name).join(', ')}`
        : `${tag} researcher ${t.round === 0 ? 'finished exploring' : 'answered'}`;
    case 'tool':
      return t.meta.ok === true ? null : `${tag} tool ${t.toolName ?? '?'} returned an error to the model`;
    case 'idea':
      return `${tag} idea version ${String(t.meta.version)}`;
    case 'mentor':
      return `${tag} mentor round ${t.round} (${String(t.meta.aspect)})${t.meta.verdict ? `: ${String(t.meta.verdict).toUpperCase()}` : ''}`;
    case 'human':
      return `${tag} human mentor spoke`;
    case 'note':
      return `${tag} ${t.content.split('\n')[0] ?? ''}`;
  }
}

function summary(detail: SessionDetail): string {
  const lines = [`session ${detail.session.id} (${detail.session.status}) — ${detail.session.topic}`];
  for (const idea of detail.ideas) {
    const latest = idea.versions.at(-1);
    const title = latest ? `${latest.idea.title} (${latest.idea.name})` : '(no draft yet)';
    const missing = latest?.missingCitations.length
      ? `; unknown citations: ${latest.missingCitations.join(', ')}`
      : '';
    lines.push(
      `${idea.index + 1}. [${idea.outcome ?? idea.phase}] ${title} — v${idea.currentVersion}, ${idea.round} round(s)${missing}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function markdown(detail: SessionDetail): string {
  const parts = [`# Ideas: ${detail.session.topic}`];
  for (const idea of detail.ideas) {
    const latest = idea.versions.at(-1);
    if (!latest) continue;
    // One level down: each idea is a section of the report.
    const body = ideaToMarkdown(latest.idea).replace(/^(#+) /gm, '#$1 ');
    const flag = latest.missingCitations.length
      ? `\n\n> Unknown graph citations: ${latest.missingCitations.join(', ')}`
      : '';
    parts.push(`${body}\n\n*Outcome: ${idea.outcome ?? idea.phase}, version ${latest.version}*${flag}`);
  }
  return `${parts.join('\n\n')}\n`;
}

export async function ideateCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(args, {
    strings: ['topic', 'resume', 'ideas', 'max-rounds', 'budget', 'mentor-policy', 'verdict-after'],
    flags: ['no-graph', 'no-mentor', 'json', 'md'],
  });
  if (values.json && values.md) throw new UsageError('choose one of --json and --md');
  if (!values.resume && !values.topic?.trim()) throw new UsageError(`--topic is required\n\n${ideateHelp}`);
  const ideas = positiveInt('--ideas', values.ideas);
  const maxRounds = positiveInt('--max-rounds', values['max-rounds']);
  const budget = positiveInt('--budget', values.budget);
  const mentorPolicy = mentorPolicyOption(values['mentor-policy'], values['verdict-after']);

  // The core's ideation service on the configured graph store (Neo4j or embedded), reached through dispatch.
  return withCliCore(io, async (core) => {
    const ideaNumbers = new Map<string, number>();
    const unsubscribe = core.events.subscribe((name, payload) => {
      if (name !== 'ideator.event') return;
      const line = progress(payload as IdeatorEventPayload, ideaNumbers);
      if (line) io.err(`${line}\n`);
    });
    let sessionId = values.resume ?? '';
    const interrupt = (): void => {
      if (sessionId) void callCore(core, 'ideator.pause', { sessionId }).catch(() => undefined);
    };
    process.once('SIGINT', interrupt);
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      if (values.resume) {
        await callCore(core, 'ideator.resume', { sessionId });
      } else {
        const request = {
          topic: values.topic ?? '',
          ...(ideas ? { ideas } : {}),
          ...(maxRounds ? { maxRounds } : {}),
          ...(mentorPolicy ? { mentorPolicy } : {}),
          noGraph: values['no-graph'],
          noMentor: values['no-mentor'],
          ...(budget ? { promptBudgetTokens: budget } : {}),
        };
        // The bound is shown before anything is spent.
        const estimate = await callCore(core, 'ideator.estimate', request);
        // Not configured with a resolved URL: no endpoint at all. A malformed one is explained by start's error.
        if (!estimate.endpoint.configured && estimate.endpoint.baseUrl) return noEndpoint(io);
        io.err(
          `${estimate.ideas} idea(s), at most ${estimate.maxRounds} round(s) each; worst-case cost ${money(estimate.cost)}\n`,
        );
        sessionId = (await callCore(core, 'ideator.start', request)).id;
        io.err(`session ${sessionId}\n`);
      }
      return await report(core, io, sessionId, values);
    } catch (err) {
      // No endpoint at all gets the CLI's how-to; a malformed one (bad URL, credentials in it) its own message.
      if (err instanceof AppError && err.code === 'LLM_NOT_CONFIGURED' && !core.connection().llm.configured)
        return noEndpoint(io);
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new UsageError(err.message);
      throw err;
    } finally {
      process.removeListener('SIGINT', interrupt);
      unsubscribe();
    }
  });
}

/** Waits for the session to settle (a CLI-only need: the service, not a channel), then prints it. */
async function report(
  core: Core,
  io: CliIo,
  sessionId: string,
  format: { json: boolean; md: boolean },
): Promise<number> {
  const settled = await core.services.ideation.whenSettled(sessionId);
  const detail = await callCore(core, 'ideator.get', { sessionId });
  io.out(
    format.json ? `${JSON.stringify(detail, null, 2)}\n` : format.md ? markdown(detail) : summary(detail),
  );
  io.err(`${costLine(detail.usage)}\n`);
  if (settled.status === 'paused') {
    io.err(`paused; continue with: motiv ideate --resume ${sessionId}\n`);
    return 130;
  }
  if (settled.status === 'failed') {
    io.err(
      `motiv ideate: the session failed: ${settled.error?.message ?? 'unknown error'}\n` +
        `(fix the cause, then continue with: motiv ideate --resume ${sessionId})\n`,
    );
    return 1;
  }
  return 0;
}

function noEndpoint(io: CliIo): number {
  io.err(
    'motiv ideate: no LLM endpoint configured. Set MOTIV_LLM_BASE_URL (an OpenAI-compatible /v1 URL, e.g. ' +
      'http://127.0.0.1:11434/v1 for Ollama) or MOTIV_LLM_API_KEY for OpenAI, or llm.baseUrl in the settings.\n',
  );
  return 1;
}
