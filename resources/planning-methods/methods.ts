import type { Caveat, Category, Method } from '../../src-renderer/features/methods/dataset-schema.ts';
import { anthologyIdOf, arxivIdOf, idAllocator, slugify, splitLabel, urlOf } from './ids.ts';
import type { RawMethod } from './raw-schema.ts';

/** Builds the taxonomy (in order of first appearance) and the method records from taxonomy.json. */

function categoryId(name: string): string {
  return slugify(name.replace(/\s+Methods$/, ''));
}

export function buildTaxonomy(raw: readonly RawMethod[]): Category[] {
  const categories: Category[] = [];
  for (const r of raw) {
    const label = splitLabel(r.category);
    let category = categories.find((c) => c.sourceLabel === r.category);
    if (!category) {
      category = {
        id: categoryId(label.name),
        name: label.name,
        kind: /not a method family/i.test(r.category) ? 'analysis' : 'method-family',
        sourceLabel: r.category,
        subcategories: [],
      };
      categories.push(category);
    }
    let sub = category.subcategories.find((s) => s.name === r.subcategory);
    if (!sub) {
      sub = { id: categoryId(r.subcategory), name: r.subcategory, groups: [] };
      category.subcategories.push(sub);
    }
    const group = groupOf(r);
    if (group && !sub.groups.some((g) => g.name === group)) {
      sub.groups.push({
        id: `${sub.id}-${slugify(group, 80)}`,
        name: group,
        source: r.group_source ?? 'unknown',
      });
    }
  }
  return categories;
}

/** A group value in parentheses is a remark about placement, not a group. */
function groupOf(r: RawMethod): string | null {
  return r.group !== null && !r.group.startsWith('(') ? r.group : null;
}

function venueKeys(raw: readonly RawMethod[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of raw) {
    if (r.venue === null) continue;
    const key = r.venue.toLowerCase();
    const spellings = counts.get(key) ?? new Map<string, number>();
    spellings.set(r.venue, (spellings.get(r.venue) ?? 0) + 1);
    counts.set(key, spellings);
  }
  const keys = new Map<string, string>();
  for (const spellings of counts.values()) {
    const best = [...spellings.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (best) for (const spelling of spellings.keys()) keys.set(spelling, best);
  }
  return keys;
}

function caveatsOf(
  r: RawMethod,
  arxivId: string | null,
  anthologyId: string | null,
  venueKey: string | null,
) {
  const caveats: Caveat[] = [];
  if (r.link === null) {
    caveats.push({ kind: 'missing-link', message: '★ No link in either source (survey list or review).' });
  }
  if (!r.source.startsWith('https://')) caveats.push({ kind: 'secondary-source-only', message: r.source });
  if (r.paper_title === null)
    caveats.push({ kind: 'no-paper-title', message: 'The sources give no paper title.' });
  if (r.link !== null && urlOf(r.link) !== r.link.trim()) {
    caveats.push({ kind: 'link-annotation', message: `Link field as given: "${r.link}"` });
  }
  if (r.link !== null && /\/slides\//i.test(r.link)) {
    caveats.push({ kind: 'link-not-paper', message: 'The only link given points at presentation slides.' });
  }
  const anthologyYear = anthologyId ? Number(anthologyId.slice(0, 4)) : null;
  if (anthologyYear !== null && r.year !== null && anthologyYear !== r.year) {
    caveats.push({
      kind: 'year-conflict',
      message: `Badge says ${r.year_badge ?? r.year} ${r.venue ?? ''}, but the ACL Anthology id ${anthologyId} says ${anthologyYear}.`,
    });
  }
  const badgeMonth = r.year_badge ? /^(\d{4})\.(\d{2})$/.exec(r.year_badge) : null;
  if (badgeMonth && arxivId) {
    const arxivYymm = arxivId.slice(0, 4);
    const badgeYymm = `${badgeMonth[1]?.slice(2)}${badgeMonth[2]}`;
    if (arxivYymm !== badgeYymm) {
      caveats.push({
        kind: 'month-conflict',
        message: `Badge ${r.year_badge} disagrees with arXiv id ${arxivId}.`,
      });
    }
  }
  if (/README/.test(r.note)) caveats.push({ kind: 'placement-conflict', message: r.note });
  if (r.group?.startsWith('(')) caveats.push({ kind: 'placement-conflict', message: r.group });
  if (r.venue !== null && venueKey !== null && r.venue !== venueKey) {
    caveats.push({
      kind: 'venue-spelling',
      message: `Venue given as "${r.venue}" (elsewhere "${venueKey}").`,
    });
  }
  if (/^survey\b/i.test(r.method)) {
    caveats.push({ kind: 'not-a-method', message: 'A survey paper listed as a reference, not a method.' });
  }
  return caveats;
}

export function buildMethods(
  raw: readonly RawMethod[],
  taxonomy: readonly Category[],
  benchmarkIdsByArxiv: ReadonlyMap<string, string[]>,
): Method[] {
  const allocate = idAllocator();
  const venues = venueKeys(raw);
  return raw.map((r) => {
    const category = taxonomy.find((c) => c.sourceLabel === r.category);
    const sub = category?.subcategories.find((s) => s.name === r.subcategory);
    if (!category || !sub) throw new Error(`No taxonomy node for ${r.method}`);
    const group = groupOf(r);
    const link = urlOf(r.link);
    const arxivId = r.arxiv_id ?? arxivIdOf(link);
    const anthologyId = anthologyIdOf(link);
    const venueKey = r.venue === null ? null : (venues.get(r.venue) ?? r.venue);
    return {
      id: allocate(r.method),
      name: r.method,
      paperTitle: r.paper_title,
      year: r.year,
      yearBadge: r.year_badge,
      venue: r.venue,
      venueKey,
      link,
      arxivId,
      anthologyId,
      code: r.code,
      categoryId: category.id,
      subcategoryId: sub.id,
      groupId: group ? (sub.groups.find((g) => g.name === group)?.id ?? null) : null,
      description: r.note,
      descriptionProvenance: r.note_source === 'review' ? 'survey-text' : 'title-paraphrase',
      source: r.source,
      sourceKind: r.source.startsWith('https://') ? 'companion-readme' : 'survey-text-review',
      alsoBenchmarkIds: arxivId ? (benchmarkIdsByArxiv.get(arxivId) ?? []) : [],
      caveats: caveatsOf(r, arxivId, anthologyId, venueKey),
    };
  });
}
