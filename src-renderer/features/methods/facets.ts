import type { Annotation, AtlasEntry } from './atlas-types.ts';

/**
 * Facet filtering: values within one facet are OR-ed, facets are AND-ed. Counts for a facet are taken with
 * every other facet applied (so each count says how many results picking that value would add).
 */

export type HasCode = 'any' | 'yes' | 'no';

export interface MethodFilter {
  /** A category, subcategory or group id (taxonomy ids are unique across levels). */
  taxonId: string | null;
  years: string[];
  venues: string[];
  benchmarks: string[];
  hasCode: HasCode;
  starredOnly: boolean;
  tags: string[];
  userAddedOnly: boolean;
}

export const UNKNOWN = 'unknown';

export function emptyFilter(): MethodFilter {
  return {
    taxonId: null,
    years: [],
    venues: [],
    benchmarks: [],
    hasCode: 'any',
    starredOnly: false,
    tags: [],
    userAddedOnly: false,
  };
}

export function isFilterEmpty(f: MethodFilter): boolean {
  return (
    f.taxonId === null &&
    f.years.length === 0 &&
    f.venues.length === 0 &&
    f.benchmarks.length === 0 &&
    f.hasCode === 'any' &&
    !f.starredOnly &&
    f.tags.length === 0 &&
    !f.userAddedOnly
  );
}

export const yearKey = (e: AtlasEntry): string => (e.year === null ? UNKNOWN : String(e.year));
export const venueKeyOf = (e: AtlasEntry): string => e.venueKey ?? UNKNOWN;

export type FacetName = 'taxon' | 'years' | 'venues' | 'benchmarks' | 'hasCode' | 'starred' | 'tags' | 'user';

type Annotations = ReadonlyMap<string, Annotation>;

function matches(e: AtlasEntry, f: MethodFilter, notes: Annotations, skip: FacetName | null): boolean {
  if (skip !== 'taxon' && f.taxonId !== null) {
    if (e.categoryId !== f.taxonId && e.subcategoryId !== f.taxonId && e.groupId !== f.taxonId) return false;
  }
  if (skip !== 'years' && f.years.length > 0 && !f.years.includes(yearKey(e))) return false;
  if (skip !== 'venues' && f.venues.length > 0 && !f.venues.includes(venueKeyOf(e))) return false;
  if (
    skip !== 'benchmarks' &&
    f.benchmarks.length > 0 &&
    !f.benchmarks.some((b) => e.benchmarkIds.includes(b))
  ) {
    return false;
  }
  if (skip !== 'hasCode' && f.hasCode !== 'any' && (e.code !== null) !== (f.hasCode === 'yes')) return false;
  if (skip !== 'user' && f.userAddedOnly && !e.userAdded) return false;
  const note = notes.get(e.id);
  if (skip !== 'starred' && f.starredOnly && !note?.starred) return false;
  if (skip !== 'tags' && f.tags.length > 0 && !f.tags.some((t) => note?.tags.includes(t))) return false;
  return true;
}

export function applyFilter(
  entries: readonly AtlasEntry[],
  f: MethodFilter,
  notes: Annotations,
): AtlasEntry[] {
  return entries.filter((e) => matches(e, f, notes, null));
}

export interface FacetCount {
  value: string;
  count: number;
}

function countBy(
  entries: readonly AtlasEntry[],
  keysOf: (e: AtlasEntry) => readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) for (const k of new Set(keysOf(e))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function toList(counts: Map<string, number>, order: 'count' | 'value-desc'): FacetCount[] {
  const list = [...counts].map(([value, count]) => ({ value, count }));
  if (order === 'value-desc') return list.sort((a, b) => b.value.localeCompare(a.value));
  return list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export interface FacetCounts {
  /** Counts per category, subcategory and group id. */
  taxon: Map<string, number>;
  years: FacetCount[];
  venues: FacetCount[];
  benchmarks: FacetCount[];
  hasCode: { yes: number; no: number };
  tags: FacetCount[];
  starred: number;
  userAdded: number;
}

export function facetCounts(
  entries: readonly AtlasEntry[],
  f: MethodFilter,
  notes: Annotations,
): FacetCounts {
  const without = (facet: FacetName) => entries.filter((e) => matches(e, f, notes, facet));
  const code = without('hasCode');
  return {
    taxon: countBy(without('taxon'), (e) => [
      e.categoryId,
      e.subcategoryId,
      ...(e.groupId ? [e.groupId] : []),
    ]),
    years: toList(
      countBy(without('years'), (e) => [yearKey(e)]),
      'value-desc',
    ),
    venues: toList(
      countBy(without('venues'), (e) => [venueKeyOf(e)]),
      'count',
    ),
    benchmarks: toList(
      countBy(without('benchmarks'), (e) => e.benchmarkIds),
      'count',
    ),
    hasCode: {
      yes: code.filter((e) => e.code !== null).length,
      no: code.filter((e) => e.code === null).length,
    },
    tags: toList(
      countBy(without('tags'), (e) => notes.get(e.id)?.tags ?? []),
      'count',
    ),
    starred: without('starred').filter((e) => notes.get(e.id)?.starred).length,
    userAdded: without('user').filter((e) => e.userAdded).length,
  };
}

/** Adds or removes a value of a multi-valued facet. */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
