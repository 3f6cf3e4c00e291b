import type { IdeatorSessionDetail } from '../../../src-main/contract/ideator.ts';

/**
 * The topics the Evaluate area offers: the ideator sessions' topics, grouped the way the judge groups them (the
 * same key as the ideator's `topicKey`: NFKC, lower case, collapsed spaces), each with its written ideas (a
 * current version ≥ 1: the ones `judge.score` and `judge.tournament` read). Pure.
 */

export interface EvalIdea {
  ideaId: string;
  title: string;
}

export interface EvalTopic {
  key: string;
  /** The topic as the newest session on it spelled it (what the judge channels are asked with). */
  label: string;
  ideas: EvalIdea[];
}

export const topicKey = (topic: string): string =>
  topic.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export function evalTopics(details: readonly IdeatorSessionDetail[]): EvalTopic[] {
  const byKey = new Map<string, EvalTopic & { newest: string }>();
  const oldestFirst = [...details].sort((a, b) => a.session.createdAt.localeCompare(b.session.createdAt));
  for (const { session, ideas } of oldestFirst) {
    const key = topicKey(session.topic);
    const topic = byKey.get(key) ?? { key, label: session.topic, ideas: [], newest: session.createdAt };
    if (session.createdAt >= topic.newest) {
      topic.label = session.topic;
      topic.newest = session.createdAt;
    }
    for (const idea of ideas) {
      const current = idea.versions.find((v) => v.version === idea.currentVersion);
      if (idea.currentVersion >= 1 && current)
        topic.ideas.push({ ideaId: idea.id, title: current.idea.title });
    }
    byKey.set(key, topic);
  }
  return [...byKey.values()]
    .map(({ key, label, ideas }) => ({ key, label, ideas }))
    .sort((a, b) => b.ideas.length - a.ideas.length || a.label.localeCompare(b.label));
}
