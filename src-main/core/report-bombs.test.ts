import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type Dossier, type IdeasExport } from '../contract/reports.ts';
import type { IdeatorTurn } from '../contract/ideator.ts';
import { renderExport } from '../reports/render-export.ts';
import { htmlHazards, readBibtex, readPdf } from '../test-support/export-parsers.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { openReportedIdea } from '../test-support/reported-idea-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/**
 * Issue 14 reports, the hostile file: a real dossier (a scripted session to ACCEPT) whose abstract is 50 KB of
 * markup and script, whose dialogue has 1,000 turns, and whose paper title and node names carry markup. Every
 * format still exports, in bounded time, with nothing that runs and no text past a page edge.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

const HOSTILE =
  '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> ' +
  '"><svg onload=alert(4)> {\\}%$#_~^& ';

function longTurns(template: IdeatorTurn, count: number): IdeatorTurn[] {
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    seq: 10_000 + i,
    kind: i % 2 ? 'mentor' : 'researcher',
    round: 1 + Math.floor(i / 2),
    content: `Turn ${i}: ${'a long sentence of the dialogue that wraps over several lines, '.repeat(4)}${HOSTILE}`,
  }));
}

async function bombDossier(): Promise<Dossier> {
  const { ok, ideaId } = await openReportedIdea(open, tempDir());
  const dossier = await ok<Dossier>('ideas.dossier', { ideaId });
  const latest = dossier.versions.at(-1);
  if (!latest) throw new Error('no version');
  const words = `${HOSTILE}averyveryverylongwordwithoutanybreakpoint${'x'.repeat(400)} `;
  latest.idea.abstract = words.repeat(Math.ceil(50_000 / words.length)).slice(0, 50_000);
  latest.dialogue.push(...longTurns(latest.dialogue[0] as IdeatorTurn, 1_000));
  dossier.subgraph.nodes.push({ id: 'hostile', kind: 'Problem', name: HOSTILE, description: '' });
  dossier.papers.push({
    ...(dossier.papers[0] as Dossier['papers'][number]),
    nodeId: 'p2',
    title: HOSTILE,
    doi: '10.5555/x{y}',
    arxivId: null,
  });
  return dossier;
}

describe('exports of a hostile, huge dossier', () => {
  it('render in every format, bounded, escaped, paginated', { timeout: 120_000 }, async () => {
    const dossier = await bombDossier();
    const files = new Map<string, IdeasExport>();
    for (const format of EXPORT_FORMATS) {
      const started = performance.now();
      files.set(format, await renderExport([dossier], format, { name: 'test', version: '0' }));
      expect(performance.now() - started, format).toBeLessThan(30_000);
    }

    const md = files.get('md')?.content ?? '';
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    const nodeLines = mermaid.split('\n').filter((line) => /^\s+n\d+\[/.test(line));
    expect(nodeLines.length).toBeGreaterThan(0);
    // A label is one quoted string: the markup and quotes of a hostile name are entities inside it.
    for (const line of nodeLines) expect(line).toMatch(/^ {2}n\d+\["[^"<>]*"\]$/);

    const html = files.get('html')?.content ?? '';
    expect(htmlHazards(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const pdf = await readPdf(Buffer.from(files.get('pdf')?.content ?? '', 'base64'));
    expect(pdf.pages.length).toBeGreaterThan(30);
    expect(pdf.pages.flatMap((p) => p.outside)).toEqual([]);
    const text = pdf.pages.map((p) => p.text).join('');
    expect(text).toContain('Turn 999:');
    expect(text).toContain('<script>alert(1)</script>');

    const bib = readBibtex(files.get('bibtex')?.content ?? '');
    expect(bib.map((e) => e.title)).toContain(HOSTILE.replace(/\s+/g, ' ').trim());
  });
});
