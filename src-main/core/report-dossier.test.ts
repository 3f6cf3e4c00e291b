import { describe, expect, it } from 'vitest';
import { DossierSchema, type Dossier } from '../contract/reports.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import {
  openReportedIdea,
  REPORT_TEST_API_KEY,
  REPORT_TEST_PAPER,
} from '../test-support/reported-idea-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/** Issue 14 reports: `ideas.dossier` gathers everything about one idea, through dispatch as every transport calls it. */

const tempDir = useTempDirs();
const open = useOpenCore();

describe('ideas.dossier', () => {
  it('holds every version with its dialogue, the cited subgraph, papers, evaluation and reproducibility', async () => {
    const { ok, ideaId, sessionId } = await openReportedIdea(open, tempDir());
    await ok('ratings.set', { ideaId, rater: 'ada', scores: { novelty: 8, clarity: 6 }, baseRevision: 0 });
    const dossier = DossierSchema.parse(await ok<Dossier>('ideas.dossier', { ideaId }));

    expect(dossier.idea).toMatchObject({ id: ideaId, sessionId, outcome: 'accepted', currentVersion: 2 });
    expect(dossier.versions.map((v) => v.idea.title)).toEqual([
      'Graph-grounded Socratic ideation, version 1',
      'Graph-grounded Socratic ideation, version 2',
    ]);
    // The mentor's clarity question led to version 2, not to version 1.
    const asked = (v: number): boolean =>
      dossier.versions[v]?.dialogue.some((t) => t.content.includes('What exactly is a motivation chain')) ??
      false;
    expect([asked(0), asked(1)]).toEqual([false, true]);
    expect(dossier.versions[0]?.dialogue.some((t) => t.kind === 'tool')).toBe(true);

    const kinds = new Map(dossier.citedNodes.map((n) => [n.name, n.kind]));
    expect(kinds.get('Scientific idea generation')).toBe('Problem');
    expect(kinds.get('Limited novelty in generated research ideas')).toBe('Challenge');
    expect(dossier.subgraph.edges).toContainEqual(expect.objectContaining({ type: 'HAS_CHALLENGE' }));
    expect(dossier.papers).toContainEqual(
      expect.objectContaining({ doi: REPORT_TEST_PAPER.doi, arxivId: REPORT_TEST_PAPER.arxivId }),
    );
    expect(dossier.evaluation?.ratings).toEqual([
      expect.objectContaining({ rater: 'ada', scores: expect.objectContaining({ novelty: 8 }) }),
    ]);

    const repro = dossier.reproducibility;
    expect(repro.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(repro.providers.find((p) => p.role === 'researcher')).toMatchObject({
      providerType: 'openai-compatible',
      model: 'scripted-chat',
    });
    expect(repro.prompts.researcher).toMatch(/researcher\.v\d+/);
    expect(repro.usage.calls).toBeGreaterThan(0);
    expect(repro.seed).toBe(dossier.reproducibility.parameters.seed);
    expect(JSON.stringify(dossier)).not.toContain(REPORT_TEST_API_KEY);
  });

  it('answers NOT_FOUND for an unknown idea', async () => {
    const { call } = await openReportedIdea(open, tempDir());
    expect(await call('ideas.dossier', { ideaId: 'no-such-idea' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
