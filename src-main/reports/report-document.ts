import type { Dossier, DossierVersion } from '../contract/reports.ts';
import type { Idea } from '../ideator/idea-schema.ts';
import { AppError } from '../shared/errors.ts';
import { evaluationBlocks } from './evaluation-blocks.ts';
import { reproducibilityRows } from './reproducibility-rows.ts';

/**
 * What a report says, once, as plain blocks; the Markdown, HTML and PDF writers only decide how each block looks.
 * Every string here is data (the model's or the graph's text): writers escape it for their format.
 */

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; style?: 'note' }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'fields'; rows: Array<[label: string, value: string]> }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'citations'; items: Array<{ ref: string; status: 'resolved' | 'missing' | 'unchecked' }> }
  | { type: 'diagram'; subgraph: Dossier['subgraph'] }
  | { type: 'turn'; who: string; round: number; text: string }
  /** A person's Markdown note on a cited node: shown as text, never as markup (writers keep it inert). */
  | { type: 'nodeNote'; title: string; byline: string; text: string };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

export interface DocumentOptions {
  /** One idea's report at this version (the ideator's own export); default: each idea's latest. */
  version?: number;
}

const OUTCOME_WORDS: Record<string, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  round_limit: 'round limit reached',
  unreviewed: 'unreviewed (no mentor)',
};

const SPEAKERS: Record<string, string> = {
  researcher: 'Researcher',
  mentor: 'Mentor',
  human: 'Human mentor',
  note: 'Note',
};

/** The turns a reader follows: what the researcher, the mentor(s) said, and notes (tool traffic left out). */
const SPOKEN = new Set(['researcher', 'mentor', 'human', 'note']);

export function chosenVersion(dossier: Dossier, version?: number): DossierVersion {
  const chosen =
    version === undefined ? dossier.versions.at(-1) : dossier.versions.find((v) => v.version === version);
  if (chosen) return chosen;
  const id = dossier.idea.id;
  throw new AppError(
    'NOT_FOUND',
    version === undefined ? `Idea ${id} has no draft yet` : `Idea ${id} has no version ${version}`,
    { field: 'version' },
  );
}

export function ideaFieldBlocks(idea: Idea): Block[] {
  const plan = idea.experiment_plan;
  return [
    { type: 'heading', level: 1, text: `${idea.title} (${idea.name})` },
    { type: 'heading', level: 2, text: 'Motivation' },
    { type: 'paragraph', text: idea.motivation },
    { type: 'heading', level: 2, text: 'Related work' },
    { type: 'paragraph', text: idea.related_work },
    { type: 'heading', level: 2, text: 'Abstract' },
    { type: 'paragraph', text: idea.abstract },
    { type: 'heading', level: 2, text: 'Method' },
    { type: 'list', ordered: true, items: idea.method },
    { type: 'heading', level: 2, text: 'Experiment plan' },
    {
      type: 'fields',
      rows: [
        ['Data', plan.data],
        ['Baselines', plan.baselines],
        ['Metrics', plan.metrics],
        ['Ablations', plan.ablations],
      ],
    },
    { type: 'heading', level: 2, text: 'Risks and limitations' },
    { type: 'paragraph', text: idea.risks },
  ];
}

function statusLine(dossier: Dossier, chosen: DossierVersion): string {
  const { idea } = dossier;
  const outcome = idea.outcome
    ? (OUTCOME_WORDS[idea.outcome] ?? idea.outcome)
    : `in progress (${idea.phase})`;
  const decided = idea.decidedBy ? `, decided by ${idea.decidedBy}` : '';
  return (
    `Version ${chosen.version} of ${dossier.versions.length}; outcome: ${outcome}${decided}; ` +
    `topic: ${idea.topic}; session ${idea.sessionId}`
  );
}

/** Who asked what, per version up to the chosen one: turns, rounds and the mentors' first question. */
function dialogueSummary(versions: readonly DossierVersion[]): Block {
  const items = versions.map((v) => {
    const asked = v.dialogue.filter((t) => t.kind === 'mentor' || t.kind === 'human');
    const rounds = new Set(v.dialogue.map((t) => t.round)).size;
    const first = asked[0]?.content.trim().split('\n')[0] ?? '';
    const question = first ? `; first question: “${clip(first, 200)}”` : '';
    return `Version ${v.version}: ${v.dialogue.length} turns over ${rounds} round(s), ${asked.length} from a mentor${question}`;
  });
  return { type: 'list', ordered: false, items };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function dialogueTurns(versions: readonly DossierVersion[]): Block[] {
  const blocks: Block[] = [];
  for (const v of versions) {
    blocks.push({ type: 'heading', level: 3, text: `Towards version ${v.version}` });
    for (const t of v.dialogue) {
      if (t.kind === 'idea') {
        blocks.push({
          type: 'turn',
          who: 'Researcher',
          round: t.round,
          text: `(wrote version ${v.version})`,
        });
      } else if (SPOKEN.has(t.kind) && t.content.trim() !== '') {
        blocks.push({
          type: 'turn',
          who: SPEAKERS[t.kind] ?? t.kind,
          round: t.round,
          text: t.content.trim(),
        });
      }
    }
  }
  return blocks;
}

function references(dossier: Dossier): Block {
  if (dossier.papers.length === 0) return { type: 'paragraph', text: 'No papers cited.', style: 'note' };
  const items = dossier.papers.map((p) => {
    const ids = [p.doi ? `doi:${p.doi}` : '', p.arxivId ? `arXiv:${p.arxivId}` : ''].filter(Boolean);
    const who = p.authors.length ? `${p.authors.join(', ')}. ` : '';
    const year = p.year ? ` (${p.year})` : '';
    return `${who}${p.title}${year}.${p.venue ? ` ${p.venue}.` : ''}${ids.length ? ` ${ids.join(', ')}` : ''}`;
  });
  return { type: 'list', ordered: true, items };
}

/** The lab's notes on the cited nodes, when there are any. */
function nodeNotes(dossier: Dossier): Block[] {
  const noted = dossier.citedNodes.flatMap((n) => (n.note ? [{ node: n, note: n.note }] : []));
  if (noted.length === 0) return [];
  return [
    { type: 'heading', level: 3, text: 'Notes on cited nodes' },
    ...noted.map(({ node, note }): Block => ({
      type: 'nodeNote',
      title: `${node.kind}: ${node.name}`,
      byline: `${note.updatedBy}, ${note.updatedAt.slice(0, 10)}`,
      text: note.text,
    })),
  ];
}

/** The main part of one idea's report: fields, citations, diagram, evaluation, dialogue summary, references. */
function ideaBody(dossier: Dossier, chosen: DossierVersion): Block[] {
  const citations = chosen.citations.map(({ ref, status }) => ({ ref, status }));
  return [
    ...ideaFieldBlocks(chosen.idea),
    { type: 'paragraph', style: 'note', text: statusLine(dossier, chosen) },
    { type: 'heading', level: 2, text: 'Graph citations' },
    citations.length
      ? { type: 'citations', items: citations }
      : { type: 'paragraph', style: 'note', text: 'No graph citations.' },
    { type: 'heading', level: 2, text: 'Supporting subgraph' },
    dossier.subgraph.nodes.length
      ? { type: 'diagram', subgraph: dossier.subgraph }
      : { type: 'paragraph', style: 'note', text: 'No cited problems, challenges or solutions.' },
    ...nodeNotes(dossier),
    { type: 'heading', level: 2, text: 'Evaluation' },
    ...evaluationBlocks(dossier.evaluation),
    { type: 'heading', level: 2, text: 'Dialogue summary' },
    dialogueSummary(upTo(dossier, chosen)),
    { type: 'heading', level: 2, text: 'References' },
    references(dossier),
  ];
}

const upTo = (dossier: Dossier, chosen: DossierVersion): DossierVersion[] =>
  dossier.versions.filter((v) => v.version <= chosen.version);

function appendices(dossier: Dossier, chosen: DossierVersion, label: string): Block[] {
  return [
    { type: 'heading', level: 1, text: `Appendix ${label}A: full dialogue, ${chosen.idea.title}` },
    ...dialogueTurns(upTo(dossier, chosen)),
    { type: 'heading', level: 1, text: `Appendix ${label}B: reproducibility, ${chosen.idea.title}` },
    { type: 'fields', rows: reproducibilityRows(dossier.reproducibility) },
  ];
}

/** Every dossier's main part, then each one's appendices (the full dialogue and reproducibility facts). */
export function reportDocument(dossiers: readonly Dossier[], options: DocumentOptions = {}): ReportDocument {
  const chosen = dossiers.map((d) => chosenVersion(d, dossiers.length === 1 ? options.version : undefined));
  const blocks: Block[] = [];
  dossiers.forEach((d, i) => blocks.push(...ideaBody(d, chosen[i] as DossierVersion)));
  dossiers.forEach((d, i) =>
    blocks.push(...appendices(d, chosen[i] as DossierVersion, dossiers.length > 1 ? `${i + 1}` : '')),
  );
  const title =
    dossiers.length === 1 ? (chosen[0] as DossierVersion).idea.title : `${dossiers.length} research ideas`;
  return { title, blocks };
}
