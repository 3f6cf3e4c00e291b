/**
 * The DOI / arXiv box: ids separated by spaces, commas or new lines, told apart by their shape. The core
 * normalises and looks them up; this only sorts them and names what is neither.
 */

const ARXIV_NEW = /^(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?$/i;
const ARXIV_OLD = /^(?:arxiv:)?[a-z-]+(?:\.[a-z]{2})?\/\d{7}(?:v\d+)?$/i;
const ARXIV_URL = /^https?:\/\/arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/i;
const DOI = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+$/i;

export interface SortedIds {
  dois: string[];
  arxivIds: string[];
  unknown: string[];
}

export function sortIdentifiers(text: string): SortedIds {
  const out: SortedIds = { dois: [], arxivIds: [], unknown: [] };
  for (const raw of text.split(/[\s,;]+/u)) {
    const token = raw.trim();
    if (!token) continue;
    const fromUrl = ARXIV_URL.exec(token)?.[1];
    if (fromUrl) out.arxivIds.push(fromUrl);
    else if (ARXIV_NEW.test(token) || ARXIV_OLD.test(token)) out.arxivIds.push(token.replace(/^arxiv:/i, ''));
    else if (DOI.test(token)) out.dois.push(token);
    else out.unknown.push(token);
  }
  return out;
}
