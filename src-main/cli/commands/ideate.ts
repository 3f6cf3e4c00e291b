import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/create-core.ts';
import { EmbeddedGraphStore } from '../../graph/embedded/embedded-store.ts';
import { buildConfig, ideaToMarkdown, IdeatorManager, worstCaseUsage } from '../../ideator/index.ts';
import type { IdeatorEvent, SessionDetail } from '../../ideator/index.ts';
import { createLlmClient, effectivePrices, UsageLedger } from '../../llm/index.ts';
import { openLiteratureProvider } from '../../literature/index.ts';
import type { OpenedLiterature } from '../../literature/index.ts';
import type { CostReport, UsageTotals } from '../../llm/index.ts';
import { AppError } from '../../shared/errors.ts';
import { UsageError, type CliIo } from '../io.ts';

export const ideateHelp = `motiv ideate --topic "…" [--ideas 3] [--max-rounds 5] [--no-graph] [--no-mentor] [--json|--md]
motiv ideate --resume SESSION_ID [--json|--md]

Runs the Socratic ideator: a researcher explores the graph and drafts ideas, a mentor questions each one until
it accepts or rejects it (or the round limit ends it). Progress goes to stderr, the ideas to stdout (a summary,
or --json / --md), and the cost line comes last. Every turn is saved as it happens: Ctrl+C pauses the session
and --resume continues it without paying again for what was done.

  --topic TEXT        the research topic
  --ideas N           ideas to generate (default: settings, 3)
  --max-rounds N      mentor rounds per idea (default: settings, 5)
  --no-graph          ablation: no graph tools for the researcher
  --no-mentor         ablation: no deliberation, drafts are final
  --budget TOKENS     prompt budget per call (default 12000)
  --json | --md       output format

The LLM endpoint comes from MOTIV_LLM_BASE_URL / MOTIV_LLM_API_KEY / MOTIV_LLM_MODEL or the settings (the key from
the encrypted secret store). literature_search asks Semantic Scholar, OpenAlex, then arXiv (MOTIV_S2_BASE_URL,
MOTIV_OPENALEX_BASE_URL, MOTIV_ARXIV_BASE_URL), cached in <data dir>/literature-cache.sqlite, else the local graph.
Sessions live in <data dir>/ideator.sqlite; ideas are written to the embedded graph <data dir>/graph.sqlite.`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name}: expected a positive whole number, got "${value}"`);
  return n;
}

const money = (cost: CostReport): string =>
  `$${cost.usd.toFixed(4)}${cost.unpricedModels.length ? ` (no price for ${cost.unpricedModels.join(', ')})` : ''}`;

export function costLine(usage: UsageTotals): string {
  return (
    `cost: ${usage.calls} calls, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens, ` +
    `${money(usage.cost)}${usage.cachedCalls ? `, ${usage.cachedCalls} from cache` : ''}`
  );
}

function progress(event: IdeatorEvent, ideaNumbers: Map<string, number>): string | null {
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
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      topic: { type: 'string' },
      resume: { type: 'string' },
      ideas: { type: 'string' },
      'max-rounds': { type: 'string' },
      budget: { type: 'string' },
      'no-graph': { type: 'boolean', default: false },
      'no-mentor': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      md: { type: 'boolean', default: false },
    },
  });
  if (values.json && values.md) throw new UsageError('choose one of --json and --md');
  if (!values.resume && !values.topic?.trim()) throw new UsageError(`--topic is required\n\n${ideateHelp}`);
  const ideas = positiveInt('--ideas', values.ideas);
  const maxRounds = positiveInt('--max-rounds', values['max-rounds']);
  const budget = positiveInt('--budget', values.budget);

  const core = createCore({ env: io.env });
  const settings = core.settings.get();
  // The core's one loader (core/config.ts): env wins; otherwise the settings and the stored key.
  const loaded = core.connection();
  const config = loaded.readLlm();
  if (!loaded.llm.configured) {
    io.err(
      'motiv ideate: no LLM endpoint configured. Set MOTIV_LLM_BASE_URL (an OpenAI-compatible /v1 URL, e.g. ' +
        'http://127.0.0.1:11434/v1 for Ollama) or MOTIV_LLM_API_KEY for OpenAI, or llm.baseUrl in the settings.\n',
    );
    await core.close();
    return 1;
  }
  // The user's price overrides (Settings → Prices) price both the worst-case estimate and the actual cost.
  const ledger = new UsageLedger({ prices: effectivePrices(settings.prices.overrides) });
  const llm = createLlmClient(config, { ledger });
  let graph: EmbeddedGraphStore;
  try {
    graph = EmbeddedGraphStore.open(join(core.dataDir, 'graph.sqlite'));
  } catch (err) {
    await core.close();
    throw err;
  }
  // literature_search: Semantic Scholar → OpenAlex → arXiv with a cache; each failed source is logged.
  let literature: OpenedLiterature;
  try {
    literature = openLiteratureProvider({
      dataDir: core.dataDir,
      config: loaded.literature(),
      onAttempt: (attempt) => {
        if (attempt.outcome === 'failed' || attempt.outcome === 'skipped')
          core.logger.warn('literature source did not answer', { ...attempt });
      },
    });
  } catch (err) {
    await graph.close();
    await core.close();
    throw err;
  }
  const ideaNumbers = new Map<string, number>();
  const manager = new IdeatorManager({
    ...(literature.provider ? { literature: literature.provider } : {}),
    dataDir: core.dataDir,
    llm,
    graph,
    actor: settings.profile.displayName || 'cli',
    log: core.logger,
    stream: false,
    onEvent: (event) => {
      const line = progress(event, ideaNumbers);
      if (line) io.err(`${line}\n`);
    },
  });
  let sessionId = values.resume ?? '';
  const interrupt = (): void => {
    if (sessionId) void manager.pause(sessionId);
  };
  process.once('SIGINT', interrupt);
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    if (values.resume) {
      manager.resume(values.resume);
    } else {
      const input = {
        topic: values.topic ?? '',
        ideas: ideas ?? settings.ideation.ideasPerTopic,
        maxRounds: maxRounds ?? settings.ideation.maxRounds,
        noGraph: values['no-graph'],
        noMentor: values['no-mentor'],
        ...(budget ? { promptBudgetTokens: budget } : {}),
      };
      // The bound is shown before anything is spent.
      const planned = buildConfig(input);
      const bound = ledger.estimateCost(worstCaseUsage(planned, config.models));
      io.err(
        `${planned.ideas} idea(s), at most ${planned.maxRounds} round(s) each; worst-case cost ${money(bound)}\n`,
      );
      sessionId = manager.start(input).id;
      io.err(`session ${sessionId}\n`);
    }
    const settled = await manager.whenSettled(sessionId);
    const detail = manager.get(sessionId);
    io.out(
      values.json ? `${JSON.stringify(detail, null, 2)}\n` : values.md ? markdown(detail) : summary(detail),
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
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new UsageError(err.message);
    throw err;
  } finally {
    process.removeListener('SIGINT', interrupt);
    await manager.close();
    literature.close();
    await graph.close();
    await core.close();
  }
}
