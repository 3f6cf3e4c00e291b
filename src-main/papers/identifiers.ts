/**
 * Identifier normalisation for deduplication: the same paper reached through a resolver URL, another case, or
 * another arXiv version is one key.
 */

const DOI_SHAPE = /^10\.\d{4,9}\/\S+$/u;

/** `https://doi.org/10.1234/ABC` → `10.1234/abc`; null when the text is not a DOI. */
export function normalizeDoi(raw: string): string | null {
  const doi = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//iu, '')
    .replace(/^doi:\s*/iu, '')
    .trim()
    .toLowerCase();
  return DOI_SHAPE.test(doi) ? doi : null;
}

// New-style ids (0704.0001 onwards, 4 or 5 digits after the dot) and old-style (archive/YYMMNNN).
const ARXIV_NEW = /^(\d{4}\.\d{4,5})(?:v\d+)?$/u;
const ARXIV_OLD = /^([a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/iu;
// arXiv's own DOIs name the id: 10.48550/arXiv.2401.01234
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/iu;

/** `arXiv:2401.01234v2`, `https://arxiv.org/abs/2401.01234v2` → `2401.01234`; null when not an arXiv id. */
export function normalizeArxivId(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//iu, '')
    .replace(/\.pdf$/iu, '')
    .replace(/^arxiv:\s*/iu, '')
    .trim();
  const fromDoi = ARXIV_DOI.exec(text);
  const id = fromDoi ? fromDoi[1]! : text;
  const modern = ARXIV_NEW.exec(id);
  if (modern) return modern[1]!;
  const old = ARXIV_OLD.exec(id);
  return old ? old[1]!.toLowerCase() : null;
}

/** An arXiv id anywhere in free text (a journal field "arXiv preprint arXiv:2401.01234", a URL). */
export function findArxivId(text: string): string | null {
  const match =
    /arxiv(?:\.org\/(?:abs|pdf)\/|:\s*|\s+)([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/iu.exec(
      text,
    );
  return match ? normalizeArxivId(match[1]!) : null;
}

/**
 * The title key for the last dedup step: case, accents, punctuation, LaTeX braces and spacing do not count
 * ("{BERT}: Pre-training…" and "Bert - pre-training…" are one paper).
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
