import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../src-main/graph/seeded-random.ts';
import { nodeText } from '../../src-main/mining/similarity.ts';
import { projectPath } from '../../src-main/shared/project-path.ts';

/**
 * A deterministic corpus of realistic problem and challenge texts at the paper's scale, for measuring the mining
 * kNN index on real sentence embeddings (bench/mining.ts). Synthetic vectors are near-ties inside a topic and
 * understate what an index does on real text; real text at 40k nodes is not shipped, so it is made from what is:
 *
 * - a **base** node: one of the curated seed graph's problems or challenges (graph/seed/motivgraph.json), of the
 *   node's own kind;
 * - a **field** it is transferred to (`in clinical notes`, `for code generation`, … 48 phrases) and, for half the
 *   nodes, a **setting** (`under a tight compute budget`, … 16 phrases), appended to the base's name;
 * - a description of the first sentence of a seed node's description (the base's, or for 30 % another seed node
 *   of that kind, so neighbourhoods cross base nodes) followed by one sentence of a seed paper's abstract
 *   (resources/seed-papers.json, 40–320 characters, no links).
 *
 * Choices come from one seeded generator; a node whose name was already made is drawn again. The corpus hash
 * (sha256 of every text) keys the vector cache, so a change here is never measured with stale vectors.
 */

export interface CorpusNode {
  kind: 'Problem' | 'Challenge';
  name: string;
  description: string;
}

export interface RealisticCorpus {
  nodes: CorpusNode[];
  /** sha256 of the node texts, in order. */
  hash: string;
}

const FIELDS = [
  'in clinical notes',
  'in radiology reports',
  'for code generation',
  'for program repair',
  'in legal document review',
  'in financial forecasting',
  'for scientific literature search',
  'in chemistry question answering',
  'for protein structure prediction',
  'in materials discovery',
  'for robot manipulation',
  'in autonomous driving',
  'for speech recognition',
  'in low-resource languages',
  'for machine translation',
  'in customer support dialogue',
  'for recommendation systems',
  'in online advertising',
  'for fraud detection',
  'in cybersecurity logs',
  'for weather prediction',
  'in climate modelling',
  'for satellite imagery',
  'in medical image segmentation',
  'for video understanding',
  'in music generation',
  'for mathematical theorem proving',
  'in competitive programming',
  'for educational tutoring',
  'in mental health support',
  'for drug discovery',
  'in genomics',
  'for supply chain planning',
  'in energy grid control',
  'for traffic forecasting',
  'in agriculture monitoring',
  'for document layout analysis',
  'in table question answering',
  'for web navigation agents',
  'in game playing',
  'for open-domain question answering',
  'in news summarisation',
  'for social media moderation',
  'in e-commerce search',
  'for knowledge graph completion',
  'in multilingual retrieval',
  'for spreadsheet formula writing',
  'in hardware design verification',
];

const SETTINGS = [
  'under a tight compute budget',
  'with few labelled examples',
  'on edge devices',
  'at inference time',
  'during pre-training',
  'after fine-tuning',
  'with noisy labels',
  'across distribution shift',
  'with long inputs',
  'in multi-agent settings',
  'without human feedback',
  'under privacy constraints',
  'with streaming data',
  'for small models',
  'at web scale',
  'in interactive use',
];

const DESCRIPTION_MIX = 0.3;
const SETTING_SHARE = 0.5;

interface SeedNode {
  kind: string;
  name: string;
  description: string;
}

function firstSentence(text: string): string {
  return sentences(text)[0] ?? text;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function readSeed(): { byKind: Map<string, SeedNode[]>; abstractSentences: string[] } {
  const graph = JSON.parse(readFileSync(projectPath('graph', 'seed', 'motivgraph.json'), 'utf8')) as {
    nodes: SeedNode[];
  };
  const byKind = new Map<string, SeedNode[]>();
  for (const node of graph.nodes) byKind.set(node.kind, [...(byKind.get(node.kind) ?? []), node]);
  const papers = JSON.parse(readFileSync(projectPath('resources', 'seed-papers.json'), 'utf8')) as {
    papers: Array<{ abstract: string | null }>;
  };
  const abstractSentences = papers.papers
    .flatMap((p) => sentences(p.abstract ?? ''))
    .filter((s) => s.length >= 40 && s.length <= 320 && !/https?:|github/i.test(s));
  return { byKind, abstractSentences };
}

/** `counts` nodes of each kind, problems first; deterministic for `seed`. */
export function realisticCorpus(
  counts: { problems: number; challenges: number },
  seed = 12,
): RealisticCorpus {
  const { byKind, abstractSentences } = readSeed();
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const nodes: CorpusNode[] = [];
  const made = (kind: CorpusNode['kind'], count: number): void => {
    const seeds = byKind.get(kind) ?? [];
    const names = new Set<string>();
    while (names.size < count) {
      const base = pick(seeds);
      const field = pick(FIELDS);
      const setting = random() < SETTING_SHARE ? ` ${pick(SETTINGS)}` : '';
      const name = `${base.name} ${field}${setting}`;
      const lead = firstSentence((random() < DESCRIPTION_MIX ? pick(seeds) : base).description);
      const description = `${lead} ${pick(abstractSentences)}`;
      if (names.has(name)) continue;
      names.add(name);
      nodes.push({ kind, name, description });
    }
  };
  made('Problem', counts.problems);
  made('Challenge', counts.challenges);
  const hash = createHash('sha256');
  for (const node of nodes) hash.update(`${node.kind}\u0000${nodeText(node)}\u0000`);
  return { nodes, hash: hash.digest('hex') };
}
