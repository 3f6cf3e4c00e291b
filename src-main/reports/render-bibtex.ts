import type { Dossier, DossierPaper } from '../contract/reports.ts';

/**
 * The papers the ideas cite (and their cited nodes were mined from) as BibTeX: one entry per paper across all
 * dossiers (same graph node or same DOI once), unique keys (author + year + title word, then a, b, …), LaTeX
 * specials escaped in text fields; DOI, arXiv id and URL are verbatim fields, so only braces are kept out.
 */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeBibtex(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\\{}&%$#_~^]/g, (c) => SPECIAL[c] ?? c);
}

const verbatim = (text: string): string => text.replace(/[{}\s]/g, '');

/** Lowercase ASCII letters and digits of a word (accents dropped): what a key is made of. */
const keyPart = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

function baseKey(paper: DossierPaper): string {
  const author = paper.authors[0]?.trim().split(/\s+/).at(-1) ?? '';
  const word =
    paper.title
      .split(/\s+/)
      .map(keyPart)
      .find((w) => w.length > 3) ?? '';
  return `${keyPart(author) || 'anon'}${paper.year ?? ''}${word}` || 'paper';
}

/** Each paper once: by graph node, else by DOI, else by arXiv id, else by title. */
function distinctPapers(dossiers: readonly Dossier[]): DossierPaper[] {
  const seen = new Set<string>();
  const papers: DossierPaper[] = [];
  for (const paper of dossiers.flatMap((d) => d.papers)) {
    const ids = [paper.nodeId, paper.doi?.toLowerCase(), paper.arxivId, paper.title.toLowerCase()].filter(
      (id): id is string => Boolean(id),
    );
    if (ids.some((id) => seen.has(id))) continue;
    for (const id of ids) seen.add(id);
    papers.push(paper);
  }
  return papers;
}

function entry(paper: DossierPaper, key: string): string {
  const fields: Array<[string, string]> = [
    ['title', `{${escapeBibtex(paper.title)}}`],
    ['author', `{${paper.authors.map(escapeBibtex).join(' and ') || 'Anonymous'}}`],
  ];
  if (paper.year !== null) fields.push(['year', `{${paper.year}}`]);
  if (paper.venue) fields.push(['journal', `{${escapeBibtex(paper.venue)}}`]);
  if (paper.doi) fields.push(['doi', `{${verbatim(paper.doi)}}`]);
  if (paper.arxivId) {
    fields.push(['eprint', `{${verbatim(paper.arxivId)}}`], ['archiveprefix', '{arXiv}']);
  }
  if (paper.url) fields.push(['url', `{${verbatim(paper.url)}}`]);
  const type = paper.venue ? 'article' : 'misc';
  return `@${type}{${key},\n${fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n')}\n}`;
}

export function renderBibtex(dossiers: readonly Dossier[]): string {
  const used = new Set<string>();
  const entries = distinctPapers(dossiers).map((paper) => {
    const base = baseKey(paper);
    let key = base;
    for (let i = 0; used.has(key); i += 1) key = `${base}${suffix(i)}`;
    used.add(key);
    return entry(paper, key);
  });
  const header = `% ${entries.length} reference(s) cited by ${dossiers.length} idea(s), exported by MotivGraph Studio`;
  return `${[header, ...entries].join('\n\n')}\n`;
}

/** a, b, …, z, aa, ab, … */
function suffix(i: number): string {
  const letter = String.fromCharCode(97 + (i % 26));
  return i < 26 ? letter : `${suffix(Math.floor(i / 26) - 1)}${letter}`;
}
