import type { RawPaperFields } from './build-record.ts';
import { findArxivId } from './identifiers.ts';
import type { PaperSections } from './paper-record.ts';
import type { PdfText } from './pdf-text.ts';

/**
 * Title, authors, identifiers and the abstract / introduction / method sections from a PDF's text lines.
 * Heuristics, stated: the title is the document's metadata title when it looks like one, else the largest text
 * near the top of page 1; sections start at headings like "1 Introduction", "3. Method", "III. APPROACH".
 */

type SectionName = keyof PaperSections | 'other';

const HEADING =
  /^(?:(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+)?(abstract|introduction|related work|background|preliminaries|methods?|methodology|approach|our approach|proposed method|the proposed method|model|framework|experiments?|experimental setup|evaluation|results|discussion|limitations|conclusions?|references|acknowledge?ments?|appendix)\s*:?$/iu;
const INLINE_ABSTRACT = /^abstract\s*[.:—–-]\s*(.+)$/iu;

const SECTION_OF: Record<string, SectionName> = {
  abstract: 'abstract',
  introduction: 'introduction',
  method: 'method',
  methods: 'method',
  methodology: 'method',
  approach: 'method',
  'our approach': 'method',
  'proposed method': 'method',
  'the proposed method': 'method',
  model: 'method',
  framework: 'method',
};

// Section text kept per section: enough for the miner, bounded so one odd PDF cannot bloat the store.
const SECTION_MAX_CHARS = 20_000;

const BAD_META_TITLE = /^(untitled|microsoft word|document\d*$)|\.(dvi|docx?|tex|pdf)$/iu;

function looksLikeAuthors(line: string): string[] | null {
  if (line.length > 300 || /\d{3,}|@|\b(university|institute|abstract)\b/iu.test(line)) return null;
  const names = line
    .split(/\s*,\s*|\s+and\s+|\s*;\s*/u)
    .map((n) => n.replace(/[*†‡∗\d]+$/u, '').trim())
    .filter(Boolean);
  const nameShape = /^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){1,3}$/u;
  return names.length >= 1 && names.length <= 30 && names.every((n) => nameShape.test(n)) ? names : null;
}

export function pdfFields(pdf: PdfText): RawPaperFields {
  const firstPageAll = pdf.lines.filter((l) => l.page === 1);
  const firstPage = firstPageAll.filter((l) => !l.rotated);
  const top = firstPage.slice(0, 15);
  let title = pdf.info.title && !BAD_META_TITLE.test(pdf.info.title) ? pdf.info.title : undefined;
  let afterTitle = 0;
  if (top.length) {
    const largest = Math.max(...top.map((l) => l.size));
    const start = top.findIndex((l) => l.size === largest);
    let end = start;
    while (end + 1 < top.length && top[end + 1]!.size === largest) end++;
    afterTitle = end + 1;
    title ??= top
      .slice(start, end + 1)
      .map((l) => l.text)
      .join(' ');
  }
  const authors = pdf.info.author
    ? pdf.info.author.split(/\s*[,;]\s*|\s+and\s+/u).filter(Boolean)
    : ((firstPage[afterTitle] ? looksLikeAuthors(firstPage[afterTitle]!.text) : null) ?? []);

  const sections: Record<SectionName, string[]> = { abstract: [], introduction: [], method: [], other: [] };
  let current: SectionName | null = null;
  for (const line of pdf.lines) {
    if (line.rotated) continue;
    const inline = INLINE_ABSTRACT.exec(line.text);
    const heading = HEADING.exec(line.text);
    if (inline && !sections.abstract.length) {
      current = 'abstract';
      sections.abstract.push(inline[1]!);
    } else if (heading) {
      const name = SECTION_OF[heading[1]!.toLowerCase()] ?? 'other';
      // the first heading of a kind wins: a later "Model" subsection does not restart the method
      current = name !== 'other' && sections[name].length ? 'other' : name;
    } else if (current) {
      sections[current].push(line.text);
    }
  }
  const joined = (name: keyof PaperSections): string | undefined => {
    const text = sections[name]
      .join(' ')
      .replace(/-\s+(?=\p{Ll})/gu, '')
      .trim();
    return text ? text.slice(0, SECTION_MAX_CHARS) : undefined;
  };
  const found: PaperSections = {};
  for (const name of ['abstract', 'introduction', 'method'] as const) {
    const text = joined(name);
    if (text) found[name] = text;
  }
  // identifiers may sit anywhere on page 1, the margin stamp included
  const firstPageText = firstPageAll.map((l) => l.text).join('\n');
  const arxivId = findArxivId(firstPageText) ?? undefined;
  const doi = /\b(10\.\d{4,9}\/[^\s"<>]+[^\s"<>.,;])/u.exec(firstPageText)?.[1];
  // a new-style arXiv id starts with the year and month it was submitted
  const year = arxivId && /^\d{4}\./u.test(arxivId) ? `20${arxivId.slice(0, 2)}` : undefined;
  return {
    title,
    authors,
    abstract: found.abstract,
    arxivId,
    doi,
    year,
    sections: Object.keys(found).length ? found : undefined,
  };
}
