import type { LocalEmbedder } from '../embeddings/local-minilm.ts';
import { ideaTexts } from '../ideator/idea-schema.ts';
import type { JudgedIdea } from './direct-score.ts';

/**
 * Diversity and length, as the paper reports them to expose length bias: per topic, 1 − the mean pairwise
 * cosine similarity of one setting's ideas (MiniLM on title + abstract), averaged over topics; and the mean idea
 * length in words. A topic with fewer than two ideas has no pairs and is left out of the mean.
 */

/** 1 − mean pairwise cosine of unit vectors; null with fewer than two (no pair to compare). */
export function diversityOfVectors(vectors: readonly Float32Array[]): number | null {
  if (vectors.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      sum += dot(vectors[i] as Float32Array, vectors[j] as Float32Array);
      pairs++;
    }
  }
  return 1 - sum / pairs;
}

function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`vectors of ${a.length} and ${b.length} dimensions`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** What the diversity model reads of an idea: its title and abstract. */
export function diversityText(item: JudgedIdea): string {
  return `${item.idea.title}\n${item.idea.abstract}`;
}

/** Words in every text field of the idea (title through risks). */
export function ideaWords(item: JudgedIdea): number {
  return ideaTexts(item.idea).reduce((n, text) => n + (text.match(/\S+/g)?.length ?? 0), 0);
}

export interface DiversityResult {
  /** Mean over the topics with at least two ideas; null when none has. */
  diversity: number | null;
  /** Per topic (null where it has fewer than two ideas). */
  perTopic: { topic: string; ideas: number; diversity: number | null }[];
  /** Mean words per idea over all topics; null with no ideas. */
  meanLength: number | null;
}

/** One setting's diversity: `ideasByTopic` holds that setting's ideas, grouped by topic. */
export async function settingDiversity(
  embedder: Pick<LocalEmbedder, 'embed'>,
  ideasByTopic: ReadonlyMap<string, readonly JudgedIdea[]>,
  signal?: AbortSignal,
): Promise<DiversityResult> {
  const perTopic: DiversityResult['perTopic'] = [];
  const lengths: number[] = [];
  for (const [topic, ideas] of ideasByTopic) {
    lengths.push(...ideas.map(ideaWords));
    const vectors =
      ideas.length < 2 ? [] : await embedder.embed(ideas.map(diversityText), signal ? { signal } : {});
    perTopic.push({ topic, ideas: ideas.length, diversity: diversityOfVectors(vectors) });
  }
  const measured = perTopic.flatMap((t) => (t.diversity === null ? [] : [t.diversity]));
  return {
    diversity: mean(measured),
    perTopic,
    meanLength: mean(lengths),
  };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
