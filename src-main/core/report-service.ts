import { join } from 'node:path';
import type { In, Out } from './service-io.ts';
import type { Dossier, DossierProvider, Reproducibility } from '../contract/reports.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { LLM_ROLES, type ResolvedLlmConfig } from '../llm/config.ts';
import { buildDossier } from '../reports/build-dossier.ts';
import { ideaMarkdownReport, renderExport } from '../reports/render-export.ts';
import { AppError } from '../shared/errors.ts';
import { APP_NAME, APP_VERSION } from './app-version.ts';
import type { IdeationService } from './ideation-service.ts';
import type { RatingsService } from './ratings-service.ts';
import type { ServiceHost } from './service-host.ts';
import { readDossierGraph } from './report-graph.ts';

/**
 * Reports, once per core: `ideas.dossier` (everything about one idea) and `ideas.export` (dossiers rendered as
 * md/html/pdf/json/bibtex). The IPC and HTTP handlers and `motiv export` all call this one service.
 */

export interface ReportService {
  dossier(request: In<'ideas.dossier'>): Out<'ideas.dossier'>;
  export(request: In<'ideas.export'>): Out<'ideas.export'>;
  /** The ideator's Markdown report of one version: the same renderer as `ideas.export` md. */
  ideaMarkdown(request: In<'ideator.exportIdea'>): Out<'ideator.exportIdea'>;
}

interface ReportDeps {
  host: ServiceHost;
  ideation: IdeationService;
  ratings: RatingsService;
}

/** The session an idea belongs to, and the models each role actually called in it (from its usage ledger). */
function sessionFacts(dataDir: string, ideaId: string): { sessionId: string; models: Map<string, string> } {
  const sessions = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    const { sessionId } = sessions.idea(ideaId);
    const models = new Map<string, string>();
    for (const entry of sessions.ledger(sessionId)) if (entry.role) models.set(entry.role, entry.model);
    return { sessionId, models };
  } finally {
    sessions.close();
  }
}

/** The endpoint each role ran on, as configured now (credentials stripped), with the model the ledger saw. */
function providersOf(host: ServiceHost, models: Map<string, string>): Reproducibility['providers'] {
  const config = host.config();
  const roles = LLM_ROLES.filter((role) => role === 'researcher' || role === 'mentor' || models.has(role));
  return roles.map((role) => {
    const used = models.get(role) ?? '';
    try {
      const llm = config.requireLlm(role);
      return { role, ...described(llm), model: used || llm.model };
    } catch {
      // Not usable now (no endpoint, an unconfirmed key, a refused URL): still say what is configured.
    }
    try {
      const llm = config.readLlm();
      return { role, ...described(llm), model: used || llm.models[role] };
    } catch {
      return { role, providerType: 'not configured' as const, baseUrl: '', model: used };
    }
  });
}

function described(llm: ResolvedLlmConfig): Pick<DossierProvider, 'providerType' | 'baseUrl'> {
  if (llm.local) return { providerType: 'local-gguf', baseUrl: 'local' };
  return { providerType: 'openai-compatible', baseUrl: safeUrl(llm.baseUrl) };
}

/** Origin and path only: no user:password@, no query string (keys travel there on some providers). */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export function createReportService({ host, ideation, ratings }: ReportDeps): ReportService {
  const dossier = async (ideaId: string): Promise<Dossier> => {
    const facts = sessionFacts(host.dataDir, ideaId);
    const detail = await ideation.get(facts.sessionId);
    const record = detail.ideas.find((i) => i.id === ideaId);
    if (!record) throw new AppError('NOT_FOUND', `No idea ${ideaId}`, { field: 'ideaId' });
    const graph = await readDossierGraph(host, record.versions);
    const evaluation =
      record.currentVersion >= 1 ? (await ratings.evaluation({ ideaIds: [ideaId] })).ideas[0] : undefined;
    return buildDossier({
      detail,
      ideaId,
      graph,
      evaluation: evaluation ?? null,
      providers: providersOf(host, facts.models),
      app: { name: APP_NAME, version: APP_VERSION },
      generatedAt: new Date().toISOString(),
    });
  };

  return {
    dossier: ({ ideaId }) => dossier(ideaId),
    export: async ({ ideaIds, format }) => {
      const dossiers: Dossier[] = [];
      for (const id of new Set(ideaIds)) dossiers.push(await dossier(id));
      return renderExport(dossiers, format, { name: APP_NAME, version: APP_VERSION });
    },
    ideaMarkdown: async ({ ideaId, version }) => ideaMarkdownReport(await dossier(ideaId), version),
  };
}
