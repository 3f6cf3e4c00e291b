import { join } from 'node:path';
import { buildConfig } from '../../src-main/ideator/session-config.ts';
import type { Idea } from '../../src-main/ideator/idea-schema.ts';
import { SessionStore } from '../../src-main/ideator/session-store.ts';

/**
 * A data dir's ideator.sqlite with `count` written ideas, through the real session store (sessions, ideas,
 * versions, outcomes): SESSIONS_PER_TOPIC sessions per topic, ideas spread evenly, each told apart by a word in
 * its title and abstract ("w<i>") and one of a few themes, so searches match a known share of them.
 */

export const BENCH_TOPICS = [
  'graph neural networks for drug discovery',
  'LLM planning for robotics',
  'retrieval augmented generation for law',
  'protein structure prediction',
  'climate model downscaling',
  'program synthesis from examples',
  'speech recognition for low-resource languages',
  'causal discovery in healthcare records',
  'multi-agent reinforcement learning',
  'federated learning on edge devices',
];
export const BENCH_THEMES = ['sparse', 'contrastive', 'bayesian', 'curriculum', 'distillation'];
const SESSIONS_PER_TOPIC = 10;
const OUTCOMES = ['accepted', 'rejected', 'round_limit', null] as const;

function benchIdea(i: number, topic: string): Idea {
  const theme = BENCH_THEMES[i % BENCH_THEMES.length] ?? 'sparse';
  return {
    name: `bench_idea_${i}`,
    title: `A ${theme} approach to ${topic} (w${i})`,
    motivation: `Idea w${i}: existing ${topic} methods fail when data shifts; a ${theme} view may help.`,
    related_work: 'Smith et al., 2023; Doe et al., 2024',
    abstract: `We study ${topic} with a ${theme} method (w${i}), evaluated on standard benchmarks with ablations.`,
    method: [`Collect data for w${i}.`, `Train the ${theme} model.`, 'Compare with baselines.'],
    experiment_plan: {
      data: 'public benchmarks',
      baselines: 'strong baselines',
      metrics: 'accuracy',
      ablations: 'no theme',
    },
    risks: 'may not scale',
  };
}

export function seedLibrary(dataDir: string, count: number): void {
  const store = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    const sessions = BENCH_TOPICS.length * SESSIONS_PER_TOPIC;
    const perSession = Math.ceil(count / sessions);
    let made = 0;
    for (let s = 0; s < sessions && made < count; s++) {
      const topic = BENCH_TOPICS[s % BENCH_TOPICS.length] ?? 'topic';
      const sessionId = `bench-s${s}`;
      store.createSession(sessionId, buildConfig({ topic }), null);
      for (let k = 0; k < perSession && made < count; k++, made++) {
        const id = `bench-${made}`;
        store.createIdea(id, sessionId, k, 'draft');
        store.addVersion(id, 1, benchIdea(made, topic), [], 0, 0);
        const outcome = OUTCOMES[made % OUTCOMES.length] ?? null;
        store.updateIdea(id, {
          currentVersion: 1,
          phase: 'done',
          outcome,
          decidedBy: outcome === null ? null : outcome === 'round_limit' ? 'limit' : 'mentor',
        });
      }
      store.setStatus(sessionId, 'completed');
    }
  } finally {
    store.close();
  }
}
