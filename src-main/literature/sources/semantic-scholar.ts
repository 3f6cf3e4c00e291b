import { z } from 'zod';
import { getText, invalidShape, parseJson } from '../http.ts';
import type { LiteratureSource } from '../source.ts';
import { describeIssues, fieldIssues } from '../../shared/zod-issues.ts';

/** Semantic Scholar Academic Graph API, `GET /graph/v1/paper/search` (keyword search, relevance order). */

const FIELDS = 'title,authors,year,venue,abstract,url,externalIds';

const S2Paper = z.object({
  paperId: z.string().nullish(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  venue: z.string().nullish(),
  year: z.int().nullish(),
  url: z.string().nullish(),
  authors: z.array(z.object({ name: z.string().nullish() })).nullish(),
});

// No `data` at all is how the API says "no results".
const S2Search = z.object({ total: z.number().optional(), data: z.array(S2Paper).optional() });

export const semanticScholar: LiteratureSource = {
  name: 'semantic-scholar',
  async search(baseUrl, query, limit, options) {
    const url = `${baseUrl}/graph/v1/paper/search?${new URLSearchParams({
      query,
      limit: String(limit),
      fields: FIELDS,
    }).toString()}`;
    const text = await getText(this.name, url, { ...options, accept: 'application/json' });
    const parsed = S2Search.safeParse(parseJson(this.name, url, text));
    if (!parsed.success) throw invalidShape(this.name, url, describeIssues(fieldIssues(parsed.error)));
    return (parsed.data.data ?? []).flatMap((p) =>
      p.title
        ? [
            {
              title: p.title,
              authors: (p.authors ?? []).flatMap((a) => (a.name ? [a.name] : [])),
              ...(p.year ? { year: p.year } : {}),
              ...(p.venue ? { venue: p.venue } : {}),
              ...(p.abstract ? { abstract: p.abstract } : {}),
              ...(p.url ? { url: p.url } : {}),
            },
          ]
        : [],
    );
  },
};
