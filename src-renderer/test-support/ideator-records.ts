import type { IdeatorIdeaVersion, IdeatorSessionRecord } from '../../src-main/contract/ideator.ts';

/** A committed idea version as the ideator sends it, for renderer tests; only what a test names differs. */
export function ideaVersion(
  ideaId: string,
  version: number,
  fields: { title?: string; turnSeq?: number; createdAt?: string } = {},
): IdeatorIdeaVersion {
  return {
    ideaId,
    version,
    idea: {
      name: 'x',
      title: fields.title ?? `v${version}`,
      motivation: 'm',
      related_work: 'r',
      abstract: 'a',
      method: ['s'],
      experiment_plan: { data: 'd', baselines: 'b', metrics: 'm', ablations: 'a' },
      risks: 'k',
    },
    citations: [],
    missingCitations: [],
    turnSeq: fields.turnSeq ?? version,
    repairs: 0,
    createdAt: fields.createdAt ?? '2026-11-29T08:00:00.000Z',
  };
}

/** A session's configuration as the ideator records it, for renderer tests. */
export function sessionConfig(topic: string, ideas: number): IdeatorSessionRecord['config'] {
  return {
    topic,
    ideas,
    maxRounds: 3,
    noGraph: false,
    noMentor: false,
    promptBudgetTokens: 12_000,
    maxToolSteps: 6,
    maxToolResultChars: 4_000,
    seed: 1,
    researcherPrompt: 'researcher.v2',
    mentorPrompt: 'mentor.v1',
  };
}
