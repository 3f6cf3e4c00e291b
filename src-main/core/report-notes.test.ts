import { describe, expect, it } from 'vitest';
import { IdeaExportJsonSchema, type Dossier, type IdeasExport } from '../contract/reports.ts';
import type { NodeNote } from '../contract/graph-curation.ts';
import { htmlHazards, readPdf } from '../test-support/export-parsers.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { openReportedIdea } from '../test-support/reported-idea-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/**
 * Issue 15: the lab's notes on the nodes an idea cites appear in its dossier and every report format, as text:
 * Markdown from a person, inert in HTML (escaped: no tag, link or script), plain in the PDF, a field in the JSON.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

const HOSTILE_NOTE =
  '## Why this matters\n*Key* point: <script>alert(1)</script> [click](javascript:alert(2)) ' +
  '<img src=x onerror="alert(3)"> <a href="javascript:alert(4)">x</a>\n[ref]: javascript:alert(5)\n' +
  'See [the paper](https://example.org/p).';

describe('notes on cited nodes in reports', () => {
  it(
    'are in the dossier and in md, html, pdf and json, kept inert; a 1 MB note is refused',
    { timeout: 120_000 },
    async () => {
      const { ok, call, ideaId } = await openReportedIdea(open, tempDir());
      const before = await ok<Dossier>('ideas.dossier', { ideaId });
      const [noted, other] = before.citedNodes;
      if (!noted || !other) throw new Error('the scenario cites fewer than two nodes');
      expect(noted.note ?? null).toBeNull();

      const bomb = await call('graph.saveNote', {
        id: noted.id,
        expectedRevision: 0,
        text: 'x'.repeat(1024 * 1024),
      });
      expect(bomb).toMatchObject({ error: { code: 'VALIDATION' } });
      const saved = await ok<NodeNote>('graph.saveNote', {
        id: noted.id,
        expectedRevision: 0,
        text: HOSTILE_NOTE,
      });

      const dossier = await ok<Dossier>('ideas.dossier', { ideaId });
      const cited = new Map(dossier.citedNodes.map((n) => [n.id, n]));
      expect(cited.get(noted.id)?.note).toEqual({
        text: HOSTILE_NOTE,
        updatedBy: saved.updatedBy,
        updatedAt: saved.updatedAt,
      });
      expect(cited.get(other.id)?.note ?? null).toBeNull();

      const file = async (format: string): Promise<IdeasExport> =>
        ok<IdeasExport>('ideas.export', { ideaIds: [ideaId], format });

      const md = (await file('md')).content;
      expect(md).toContain('### Notes on cited nodes');
      expect(md).toContain(`**${noted.kind}: ${noted.name}**`);
      expect(md).toContain('> ## Why this matters');
      expect(md).toContain('&lt;script>alert(1)&lt;/script>');
      expect(md).toContain('[click]\\(javascript:alert(2))');
      expect(md).toContain('\\[ref]: javascript:alert(5)');
      expect(md).toContain('[the paper](https://example.org/p)');
      expect(md).not.toMatch(/<script|<img|<a /);

      const html = (await file('html')).content;
      expect(htmlHazards(html)).toEqual([]);
      const quoted = /<blockquote class="node-note">([\s\S]*?)<\/blockquote>/.exec(html)?.[1] ?? '';
      expect(quoted).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(quoted).toContain('[click](javascript:alert(2))');
      expect(textOf(quoted)).toContain(HOSTILE_NOTE);

      const pdf = await readPdf(Buffer.from((await file('pdf')).content, 'base64'));
      const pdfText = pdf.pages.map((p) => p.text).join('\n');
      expect(pdfText).toContain('Notes on cited nodes');
      expect(pdfText).toContain('<script>alert(1)</script>');
      expect(pdfText).toContain('See [the paper](https://example.org/p).');
      expect(pdf.pages.flatMap((p) => p.outside)).toEqual([]);

      const json = IdeaExportJsonSchema.parse(JSON.parse((await file('json')).content));
      expect(json.ideas[0]?.citedNodes.find((n) => n.id === noted.id)?.note?.text).toBe(HOSTILE_NOTE);
    },
  );
});

/** HTML character data back to text: the tags the writer made dropped, then the five entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
