import type { ImportBatchInput } from '../../src-main/graph/port.ts';
import { mulberry32 } from '../../src-main/graph/seeded-random.ts';

/**
 * A synthetic MotivGraph at the paper's scale, deterministic for a seed: pseudo-word names and descriptions
 * (Zipf-like word frequencies, so BM25 has common and rare terms), unit vectors clustered around topics (so kNN
 * has structure), PARENT_OF / HAS_CHALLENGE / SOLVED_BY edges in the paper's counts.
 */

export const PAPER_SCALE = {
  problems: 12_137,
  challenges: 31_158,
  solutions: 25_515,
  parents: 7_089,
  dimension: 384,
} as const;

export interface SyntheticGraph {
  batch: ImportBatchInput;
  /** Texts and vectors to query with, drawn from the same distributions. */
  queries: { texts: string[]; vectors: Float32Array[] };
  model: string;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'vi',
  'so',
  'pe',
  'da',
  'gri',
  'mon',
  'zel',
  'tor',
  'bas',
  'qui',
];

function vocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

export function generateSyntheticGraph(
  seed = 20_251_122,
  scale: Record<keyof typeof PAPER_SCALE, number> = PAPER_SCALE,
): SyntheticGraph {
  const next = mulberry32(seed);
  const words = vocabulary(4_000, next);
  const topics = 256;
  const word = (): string => words[Math.floor(words.length * next() ** 2.5)] as string; // skewed: few common words
  const phrase = (n: number): string => Array.from({ length: n }, word).join(' ');
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centroids = Array.from({ length: topics }, () =>
    unit(Float32Array.from({ length: scale.dimension }, gaussian)),
  );
  const vectorNear = (topic: number): Float32Array => {
    const centre = centroids[topic] as Float32Array;
    return unit(centre.map((x) => x + gaussian() * 0.06));
  };

  const model = `synthetic-${scale.dimension}`;
  const nodes: ImportBatchInput['nodes'] = [];
  const edges: NonNullable<ImportBatchInput['edges']> = [];
  const used = new Set<string>();
  const uniqueName = (kind: string, words: number): string => {
    let name = phrase(words);
    while (used.has(`${kind}:${name}`)) name = `${name} ${word()}`;
    used.add(`${kind}:${name}`);
    return name;
  };
  const add = (kind: 'Problem' | 'Challenge' | 'Solution', level: number, topic: number): string => {
    const name = uniqueName(kind, 3 + Math.floor(next() * 4));
    nodes.push({
      kind,
      name,
      level,
      origin: level === 0 ? 'mined' : 'curated',
      description: phrase(15 + Math.floor(next() * 20)),
      embedding: { model, vector: vectorNear(topic) },
    });
    return name;
  };
  const link = (
    type: 'PARENT_OF' | 'HAS_CHALLENGE' | 'SOLVED_BY',
    from: [string, string],
    to: [string, string],
  ) => {
    edges.push({
      type,
      from: { kind: from[0] as 'Problem', name: from[1] },
      to: { kind: to[0] as 'Problem', name: to[1] },
      origin: 'mined',
    });
  };

  // Parents split between problems and challenges in proportion to their counts.
  const problemParents = Math.round((scale.parents * scale.problems) / (scale.problems + scale.challenges));
  const parentsOf = (kind: 'Problem' | 'Challenge', count: number): Array<{ name: string; topic: number }> =>
    Array.from({ length: count }, (_, i) => {
      const topic = i % topics;
      return { name: add(kind, 1, topic), topic };
    });
  const pParents = parentsOf('Problem', problemParents);
  const cParents = parentsOf('Challenge', scale.parents - problemParents);

  const problems: Array<{ name: string; topic: number }> = [];
  for (let i = 0; i < scale.problems; i++) {
    const parent = pParents[Math.floor(next() * pParents.length)] as { name: string; topic: number };
    const name = add('Problem', 0, parent.topic);
    problems.push({ name, topic: parent.topic });
    link('PARENT_OF', ['Problem', parent.name], ['Problem', name]);
  }
  const challenges: Array<{ name: string; topic: number }> = [];
  for (let i = 0; i < scale.challenges; i++) {
    const problem = problems[Math.floor(next() * problems.length)] as { name: string; topic: number };
    const parent = cParents[Math.floor(next() * cParents.length)] as { name: string; topic: number };
    const name = add('Challenge', 0, problem.topic);
    challenges.push({ name, topic: problem.topic });
    link('HAS_CHALLENGE', ['Problem', problem.name], ['Challenge', name]);
    link('PARENT_OF', ['Challenge', parent.name], ['Challenge', name]);
  }
  for (let i = 0; i < scale.solutions; i++) {
    const challenge = challenges[Math.floor(next() * challenges.length)] as { name: string; topic: number };
    const name = add('Solution', 0, challenge.topic);
    link('SOLVED_BY', ['Challenge', challenge.name], ['Solution', name]);
  }

  const texts = Array.from({ length: 500 }, () => phrase(2 + Math.floor(next() * 3)));
  const vectors = Array.from({ length: 500 }, () => vectorNear(Math.floor(next() * topics)));
  return { batch: { nodes, edges }, queries: { texts, vectors }, model };
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = 1 / Math.sqrt(norm || 1);
  return v.map((x) => x * scale);
}
