import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, IdeaExportJsonSchema, type IdeasExport } from '../contract/reports.ts';
import { htmlHazards, readBibtex, readPdf } from '../test-support/export-parsers.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import {
  openReportedIdea,
  REPORT_TEST_API_KEY,
  REPORT_TEST_PAPER,
} from '../test-support/reported-idea-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/**
 * Issue 14 reports: `ideas.export` in every format, through dispatch as IPC, HTTP and the CLI call it, each file
 * parsed back by a reader's tool; none of them holds the API key the core runs with.
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
