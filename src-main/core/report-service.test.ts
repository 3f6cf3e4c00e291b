import { describe, expect, it } from 'vitest';
import {
  DossierSchema,
  EXPORT_FORMATS,
  IdeaExportJsonSchema,
  type Dossier,
  type IdeasExport,
} from '../contract/reports.ts';
import { channelCaller, resultCaller } from '../test-support/core-calls.ts';
import { htmlHazards, readBibtex, readPdf } from '../test-support/export-parsers.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import {
  openReportedIdea,
  REPORT_TEST_API_KEY,
  REPORT_TEST_PAPER,
} from '../test-support/reported-idea-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';

/**
 * Issue 14 reports, the core's report service through dispatch as IPC, HTTP and the CLI call it: `ideas.dossier`
 * gathers everything about one idea; `ideas.export` writes it in every format, each file parsed back by a
 * reader's tool; none of them holds the API key the core runs with.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

const V2_TITLE = 'Graph-grounded Socratic ideation, version 2';

describe('ideas.export', () => {
  it('exports md, html, pdf, json and bibtex that parse back, without the API key', async () => {
    const { ok, ideaId } = await openReportedIdea(open, tempDir());
    const files = new Map<string, IdeasExport>();
    for (const format of EXPORT_FORMATS) {
      files.set(format, await ok<IdeasExport>('ideas.export', { ideaIds: [ideaId], format }));
    }

    const md = files.get('md');
    expect(md?.fileName).toBe('kg_guided_socratic_ideation_v2-v2.md');
    expect(md?.content).toContain(`# ${V2_TITLE}`);
    expect(md?.content).toContain('```mermaid');
    expect(md?.content).toContain('**Mentor** (round 1): What exactly is a motivation chain');
    expect(md?.content).toContain(`doi:${REPORT_TEST_PAPER.doi}`);
    expect(md?.content).toMatch(/Appendix B: reproducibility/);

    const html = files.get('html')?.content ?? '';
    expect(htmlHazards(html)).toEqual([]);
    expect(html).toContain('<svg');
    expect(html).toContain(`<h1>${V2_TITLE} (kg_guided_socratic_ideation_v2)</h1>`);

    const pdf = files.get('pdf');
    expect(pdf).toMatchObject({ encoding: 'base64', mimeType: 'application/pdf' });
    const read = await readPdf(Buffer.from(pdf?.content ?? '', 'base64'));
    expect(read.title).toBe(V2_TITLE);
    expect(read.pages.length).toBeGreaterThan(1);
    const pdfText = read.pages.map((p) => p.text).join('\n');
    expect(pdfText.replace(/\s+/g, ' ')).toContain(V2_TITLE);
    expect(pdfText).toContain('Scientific idea generation');
    expect(read.pages.flatMap((p) => p.outside)).toEqual([]);

    const json = IdeaExportJsonSchema.parse(JSON.parse(files.get('json')?.content ?? ''));
    expect(json.schemaVersion).toBe(1);
    expect(json.ideas[0]?.idea.id).toBe(ideaId);

    const bib = readBibtex(files.get('bibtex')?.content ?? '');
    expect(bib.map((e) => e.DOI)).toContain(REPORT_TEST_PAPER.doi);
    expect(bib.find((e) => e.DOI === REPORT_TEST_PAPER.doi)?.title).toBe(REPORT_TEST_PAPER.title);

    for (const [format, file] of files) {
      const text =
        file.encoding === 'base64' ? Buffer.from(file.content, 'base64').toString('latin1') : file.content;
      expect(text, format).not.toContain(REPORT_TEST_API_KEY);
    }
  });

  it('ideator.exportIdea is the same Markdown writer, at the version asked for', async () => {
    const { ok, ideaId } = await openReportedIdea(open, tempDir());
    const latest = await ok<{ fileName: string; markdown: string }>('ideator.exportIdea', { ideaId });
    const md = await ok<IdeasExport>('ideas.export', { ideaIds: [ideaId], format: 'md' });
    const strip = (text: string): string => text.replace(/Report generated: \S+/, '');
    expect(strip(latest.markdown)).toBe(strip(md.content));

    const first = await ok<{ fileName: string; markdown: string }>('ideator.exportIdea', {
      ideaId,
      version: 1,
    });
    expect(first.fileName).toBe('kg_guided_socratic_ideation-v1.md');
    expect(first.markdown).toContain('# Graph-grounded Socratic ideation, version 1');
    expect(first.markdown).toContain('```mermaid');
    // Version 1's dialogue ends where version 1 was written: the mentor's question came after it.
    expect(first.markdown).not.toContain('What exactly is a motivation chain');
  });

  it('refuses an unknown format and an empty selection by field', async () => {
    const { call, ideaId } = await openReportedIdea(open, tempDir());
    expect(await call('ideas.export', { ideaIds: [ideaId], format: 'docx' })).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'format' }] } },
    });
    expect(await call('ideas.export', { ideaIds: [], format: 'md' })).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'ideaIds' }] } },
    });
    expect(await call('ideas.export', { ideaIds: ['nope'], format: 'md' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});

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

describe('ideas.dossier and endpoint credentials', () => {
  it('names the endpoint without user:password@ or query string, and never the key', async () => {
    const dataDir = tempDir();
    const { server, ideaId, core } = await openReportedIdea(open, dataDir);
    await core.close();
    delete open.core;
    const withQuery = new URL(server.baseUrl);
    withQuery.search = '?api-key=query-secret';
    const withCredentials = new URL(withQuery);
    withCredentials.username = 'alice';
    withCredentials.password = 'hunter2-secret';
    // The config refuses a URL with credentials (llm/config.ts): the dossier still says which model ran.
    const expected = [
      { url: withQuery, provider: { providerType: 'openai-compatible', baseUrl: `${withQuery.origin}/v1` } },
      { url: withCredentials, provider: { providerType: 'not configured', baseUrl: '' } },
    ];
    for (const { url, provider } of expected) {
      const again = createCore({
        env: {
          MOTIV_DATA_DIR: dataDir,
          MOTIV_LLM_BASE_URL: url.toString(),
          MOTIV_LLM_API_KEY: REPORT_TEST_API_KEY,
          MOTIV_LLM_MODEL: 'scripted-chat',
        },
      });
      open.core = again;
      const ok = resultCaller(channelCaller(again));
      const dossier = await ok<Dossier>('ideas.dossier', { ideaId });
      expect(dossier.reproducibility.providers.find((p) => p.role === 'researcher')).toEqual({
        role: 'researcher',
        model: 'scripted-chat',
        ...provider,
      });
      for (const format of ['md', 'html', 'json', 'pdf'] as const) {
        const file = await ok<IdeasExport>('ideas.export', { ideaIds: [ideaId], format });
        const text =
          file.encoding === 'base64' ? Buffer.from(file.content, 'base64').toString('latin1') : file.content;
        for (const secret of ['hunter2-secret', 'query-secret', REPORT_TEST_API_KEY, 'alice']) {
          expect(text, `${format}: ${secret}`).not.toContain(secret);
        }
      }
      await again.close();
      delete open.core;
    }
  });
});
