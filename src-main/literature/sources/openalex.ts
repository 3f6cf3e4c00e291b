import { z } from 'zod';
import { getText, invalidShape, parseJson } from '../http.ts';
import type { LiteratureSource } from '../source.ts';
import { describeIssues, fieldIssues } from '../../shared/zod-issues.ts';

/** OpenAlex `GET /works?search=…`. Abstracts come as an inverted index (word → positions), rebuilt here. */

const SELECT = 'id,doi,display_name,publication_year,authorships,primary_location,abstract_inverted_index';

const Work = z.object({
  id: z.string().nullish(),
  doi: z.string().nullish(),
  display_name: z.string().nullish(),
  publication_year: z.int().nullish(),
  authorships: z
    .array(z.object({ author: z.object({ display_name: z.string().nullish() }).nullish() }))
    .nullish(),
  primary_location: z
    .object({
      landing_page_url: z.string().nullish(),
      source: z.object({ display_name: z.string().nullish() }).nullish(),
    })
    .nullish(),
  abstract_inverted_index: z.record(z.string(), z.array(z.int().min(0))).nullish(),
});

const WorksPage = z.object({ results: z.array(Work) });

/** Bounded: an index naming absurd positions must not allocate gigabytes. */
export function abstractFromInvertedIndex(index: Record<string, number[]>): string {
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const at of positions) if (at < 20_000) words[at] = word;
  }
  return words.filter((w) => w !== undefined).join(' ');
}

export const openAlex: LiteratureSource = {
  name: 'openalex',
  async search(baseUrl, query, limit, options) {
    const url = `${baseUrl}/works?${new URLSearchParams({
      search: query,
      'per-page': String(limit),
      select: SELECT,
    }).toString()}`;
    const text = await getText(this.name, url, { ...options, accept: 'application/json' });
    const parsed = WorksPage.safeParse(parseJson(this.name, url, text));
    if (!parsed.success) throw invalidShape(this.name, url, describeIssues(fieldIssues(parsed.error)));
    return parsed.data.results.flatMap((w) => {
      if (!w.display_name) return [];
      const abstract = w.abstract_inverted_index ? abstractFromInvertedIndex(w.abstract_inverted_index) : '';
      const venue = w.primary_location?.source?.display_name;
      const link = w.doi ?? w.primary_location?.landing_page_url ?? w.id;
      return [
        {
          title: w.display_name,
          authors: (w.authorships ?? []).flatMap((a) =>
            a.author?.display_name ? [a.author.display_name] : [],
          ),
          ...(w.publication_year ? { year: w.publication_year } : {}),
          ...(venue ? { venue } : {}),
          ...(abstract ? { abstract } : {}),
          ...(link ? { url: link } : {}),
        },
      ];
    });
  },
};
