import { join } from 'node:path';
import { buildConfig } from '../ideator/session-config.ts';
import { SessionStore } from '../ideator/session-store.ts';
import type { Idea } from '../ideator/idea-schema.ts';
import type { JudgedIdea } from './direct-score.ts';

/** Valid ideas for the judge's tests and bench, told apart by a word in the title ("Idea alpha …"). */
export function testIdea(word: string, topic = 'graph neural networks for drug discovery'): JudgedIdea {
  const idea: Idea = {
    name: `idea_${word.toLowerCase().replace(/[^a-z0-9]/g, '_')}`,
    title: `Idea ${word} for the topic`,
    motivation: `Motivation of idea ${word}: current methods fail on out-of-distribution molecules.`,
    related_work: 'Smith et al., 2023',
    abstract: `Abstract of idea ${word}: we propose a new way to transfer structure across molecule graphs.`,
    method: [`Step one of ${word}`, `Step two of ${word}`],
    experiment_plan: {
      data: 'MoleculeNet',
      baselines: 'GIN, GAT',
      metrics: 'ROC-AUC',
      ablations: 'no transfer',
    },
    risks: 'may not scale',
  };
  return { id: `id-${word}`, topic, idea };
}

/** A judge reply giving every dimension the same verdict. */
export function uniformVerdict(side: 'A' | 'B'): string {
  return JSON.stringify({
    novelty: side,
    experiment: side,
    motivation: side,
    feasibility: side,
    clarity: side,
    rationale: `${side} is better`,
  });
}

/** An ideator.sqlite in `dataDir` with one session on `topic` holding written ideas for `words` (and one unwritten). */
export function seedIdeatorSessions(dataDir: string, topic: string, words: readonly string[]): void {
  const sessions = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    sessions.createSession('s1', buildConfig({ topic }), null);
    words.forEach((word, index) => {
      const { id, idea } = testIdea(word, topic);
      sessions.createIdea(id, 's1', index, 'draft');
      sessions.addVersion(id, 1, idea, [], 0, 0);
      sessions.updateIdea(id, { currentVersion: 1 });
    });
    sessions.createIdea('id-unwritten', 's1', words.length, 'explore');
  } finally {
    sessions.close();
  }
}
