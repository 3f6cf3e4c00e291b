import { diffWords } from 'diff';
import type { IdeaFields } from '../../../src-main/contract/ideator.ts';

/**
 * A readable word-level diff between two versions of an idea. The parts are plain text: the page renders each
 * as a text span (never as HTML), so whatever the model wrote stays text.
 */

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** An idea's fields as one text, one labelled block per field, in the paper's order. */
export function ideaAsText(idea: IdeaFields): string {
  const plan = idea.experiment_plan;
  return [
    `Title: ${idea.title}`,
    `Abstract: ${idea.abstract}`,
    `Motivation: ${idea.motivation}`,
    `Related work: ${idea.related_work}`,
    `Method:\n${idea.method.map((step, i) => `${i + 1}. ${step}`).join('\n')}`,
    `Data: ${plan.data}`,
    `Baselines: ${plan.baselines}`,
    `Metrics: ${plan.metrics}`,
    `Ablations: ${plan.ablations}`,
    `Risks: ${idea.risks}`,
  ].join('\n\n');
}

export function diffTexts(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export function changeCount(parts: readonly DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    const words = p.text.split(/\s+/).filter(Boolean).length;
    if (p.kind === 'added') added += words;
    if (p.kind === 'removed') removed += words;
  }
  return { added, removed };
}
