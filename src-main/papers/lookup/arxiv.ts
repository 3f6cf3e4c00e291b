import { decodeXml } from '../../literature/atom.ts';
import { AppError } from '../../shared/errors.ts';
import type { RawPaperFields } from '../build-record.ts';

/**
 * The arXiv API's Atom feed (`/api/query?id_list=…`) → raw paper fields. arXiv's feed is machine-written and
 * flat, so a small scanner reads it; it never evaluates DTDs or external entities.
 */

function child(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'u').exec(xml);
  return match?.[1] === undefined ? undefined : decodeXml(match[1]).replace(/\s+/gu, ' ').trim();
}

export const arxivQueryUrl = (baseUrl: string, id: string): string =>
  `${baseUrl}/api/query?id_list=${encodeURIComponent(id)}&max_results=1`;

/** The one entry for `id`; arXiv answers an unknown or malformed id with an error entry or an empty feed. */
export function readArxivFeed(xml: string, id: string): RawPaperFields {
  if (!/<feed[\s>]/u.test(xml)) throw new Error('not an Atom feed');
  const entry = /<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/u.exec(xml)?.[1];
  const entryId = entry ? (child(entry, 'id') ?? '') : '';
  if (!entry || entryId.includes('/api/errors')) {
    const reason = entry ? child(entry, 'summary') : undefined;
    throw new AppError('NOT_FOUND', `arXiv has no paper ${id}${reason ? ` (${reason})` : ''}`, {
      service: 'arxiv',
      id,
    });
  }
  const authors = [...entry.matchAll(/<author(?:\s[^>]*)?>([\s\S]*?)<\/author>/gu)]
    .map((m) => child(m[1] ?? '', 'name'))
    .filter((n): n is string => Boolean(n));
  const versioned = /arxiv\.org\/abs\/(.+)$/u.exec(entryId)?.[1] ?? id;
  return {
    title: child(entry, 'title'),
    authors,
    year: child(entry, 'published')?.slice(0, 4),
    abstract: child(entry, 'summary'),
    doi: child(entry, 'arxiv:doi'),
    venue: child(entry, 'arxiv:journal_ref'),
    arxivId: versioned,
    url: `https://arxiv.org/abs/${versioned.replace(/v\d+$/u, '')}`,
  };
}
