import type { IdeatorSessionDetail as SessionDetail } from '../contract/ideator.ts';
import type { IdeaEvaluation } from '../contract/ratings.ts';
import { DOSSIER_SCHEMA_VERSION } from '../contract/reports.ts';
import type {
  Dossier,
  DossierEdge,
  DossierNode,
  DossierPaper,
  DossierVersion,
  Reproducibility,
} from '../contract/reports.ts';
import { AppError } from '../shared/errors.ts';

/**
 * One idea's dossier from what the core read for it: the session that wrote it, the graph nodes its versions
 * cite (and the edges among them), its evaluation and the facts for the reproducibility block. Pure: no I/O,
 * so every surface (channel, CLI, export) gets the same dossier from the same reads.
 */

export interface DossierGraph {
  nodes: DossierNode[];
  edges: DossierEdge[];
  papers: DossierPaper[];
}

export interface DossierInputs {
  detail: SessionDetail;
  ideaId: string;
  graph: DossierGraph;
  evaluation: IdeaEvaluation | null;
  providers: Reproducibility['providers'];
  app: { name: string; version: string };
  generatedAt: string;
}

/** The subgraph's layers, in reading order: a problem, its challenges, their solutions. */
const LAYER_ORDER: Record<string, number> = { Problem: 0, Challenge: 1, Solution: 2 };
const MOTIVATION_EDGES = new Set(['HAS_CHALLENGE', 'SOLVED_BY', 'PARENT_OF']);

export function buildDossier(inputs: DossierInputs): Dossier {
  const { detail, ideaId, graph } = inputs;
  const record = detail.ideas.find((i) => i.id === ideaId);
  if (!record) throw new AppError('NOT_FOUND', `No idea ${ideaId} in session ${detail.session.id}`);
  const { versions: stored, ...idea } = record;
  const ideaTurns = detail.turns.filter((t) => t.ideaId === ideaId);
  let after = 0;
  const versions: DossierVersion[] = stored.map((v) => {
    const dialogue = ideaTurns.filter((t) => t.seq > after && t.seq <= v.turnSeq);
    after = v.turnSeq;
    return {
      version: v.version,
      idea: v.idea,
      citations: v.citations,
      createdAt: v.createdAt,
      dialogue,
    };
  });
  // Turns after the latest version (the mentor's verdict, a human note) belong to it: the last word on it.
  const latest = versions.at(-1);
  if (latest) latest.dialogue.push(...ideaTurns.filter((t) => t.seq > after));

  const cited = new Set(stored.flatMap((v) => v.citations.flatMap((c) => (c.nodeId ? [c.nodeId] : []))));
  const citedNodes = graph.nodes.filter((n) => cited.has(n.id));
  const subgraphNodes = graph.nodes
    .filter((n) => n.kind in LAYER_ORDER)
    .sort((a, b) => (LAYER_ORDER[a.kind] ?? 0) - (LAYER_ORDER[b.kind] ?? 0));
  const inSubgraph = new Set(subgraphNodes.map((n) => n.id));
  const edges = graph.edges.filter(
    (e) => MOTIVATION_EDGES.has(e.type) && inSubgraph.has(e.from) && inSubgraph.has(e.to),
  );
  const { session } = detail;
  return {
    schemaVersion: DOSSIER_SCHEMA_VERSION,
    idea: { ...idea, topic: session.topic, sessionStatus: session.status },
    versions,
    citedNodes,
    subgraph: { nodes: subgraphNodes, edges },
    papers: graph.papers,
    evaluation: inputs.evaluation,
    reproducibility: {
      appName: inputs.app.name,
      appVersion: inputs.app.version,
      providers: inputs.providers,
      prompts: { researcher: session.config.researcherPrompt, mentor: session.config.mentorPrompt },
      parameters: session.config,
      seed: session.config.seed,
      usage: detail.usage,
      dates: {
        sessionCreatedAt: session.createdAt,
        sessionUpdatedAt: session.updatedAt,
        ideaCreatedAt: idea.createdAt,
        ideaUpdatedAt: idea.updatedAt,
        generatedAt: inputs.generatedAt,
      },
    },
  };
}
