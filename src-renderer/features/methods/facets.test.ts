import { describe, expect, it } from 'vitest';
import json from '../../../resources/planning-methods.json';
import type { Annotation, AtlasEntry } from './atlas-types.ts';
import { emptyAnnotation } from './atlas-types.ts';
import { DatasetSchema } from './dataset-schema.ts';
import { buildEntries } from './entries.ts';
import { applyFilter, emptyFilter, facetCounts, isFilterEmpty, toggle } from './facets.ts';

const dataset = DatasetSchema.parse(json);
const userMethod = {
  id: 'user-1',
  userAdded: true as const,
  name: 'My planner',
  paperTitle: null,
  year: 2026,
  venue: null,
  link: null,
  code: 'https://example.org/code',
  categoryId: 'searching-based',
  subcategoryId: 'exploration-based',
  description: 'Mine',
  createdAt: 1,
};
const entries: AtlasEntry[] = buildEntries(dataset.methods, [userMethod], dataset.performanceTables);
const notes = new Map<string, Annotation>([
  ['tree-of-thoughts-tot', { ...emptyAnnotation('tree-of-thoughts-tot'), starred: true, tags: ['baseline'] }],
  ['llm-p', { ...emptyAnnotation('llm-p'), tags: ['baseline', 'pddl'] }],
]);

describe('facets', () => {
  it('passes everything through an empty filter', () => {
    expect(isFilterEmpty(emptyFilter())).toBe(true);
    expect(applyFilter(entries, emptyFilter(), notes)).toHaveLength(184);
  });

  it('filters by any taxonomy level', () => {
    const byId = (taxonId: string) => applyFilter(entries, { ...emptyFilter(), taxonId }, notes).length;
    expect(byId('searching-based')).toBe(69);
    expect(byId('exploration-based')).toBe(35);
    expect(byId('exploration-based-mcts-based')).toBe(5);
  });

  it('ORs values within a facet and ANDs facets', () => {
    const f = { ...emptyFilter(), years: ['2023', '2022'], hasCode: 'yes' as const };
    const result = applyFilter(entries, f, notes);
    expect(result.every((e) => (e.year === 2023 || e.year === 2022) && e.code !== null)).toBe(true);
    expect(result.length).toBeGreaterThan(0);
    const unknownYear = applyFilter(entries, { ...emptyFilter(), years: ['unknown'] }, notes);
    expect(unknownYear).toHaveLength(7);
  });

  it('filters by benchmark, star, tag and user-added', () => {
    const alf = applyFilter(entries, { ...emptyFilter(), benchmarks: ['alfworld'] }, notes).map((e) => e.id);
    expect(alf.sort()).toEqual([
      'eto',
      'knowagent',
      'ltc-universal-feedback-in-communication',
      'wkm-world-knowledge-model',
    ]);
    expect(applyFilter(entries, { ...emptyFilter(), starredOnly: true }, notes).map((e) => e.id)).toEqual([
      'tree-of-thoughts-tot',
    ]);
    expect(applyFilter(entries, { ...emptyFilter(), tags: ['pddl'] }, notes).map((e) => e.id)).toEqual([
      'llm-p',
    ]);
    expect(applyFilter(entries, { ...emptyFilter(), userAddedOnly: true }, notes).map((e) => e.id)).toEqual([
      'user-1',
    ]);
  });

  it('counts each facet with the other facets applied', () => {
    const f = { ...emptyFilter(), years: ['2023'], venues: ['NeurIPS'] };
    const counts = facetCounts(entries, f, notes);
    const result = applyFilter(entries, f, notes);
    // Year counts ignore the year facet but honour the venue facet.
    const neurips = entries.filter((e) => e.venueKey === 'NeurIPS');
    expect(counts.years.find((y) => y.value === '2023')?.count).toBe(
      neurips.filter((e) => e.year === 2023).length,
    );
    expect(counts.years.find((y) => y.value === '2024')?.count).toBe(
      neurips.filter((e) => e.year === 2024).length,
    );
    expect(counts.hasCode.yes + counts.hasCode.no).toBe(result.length);
    expect(counts.taxon.get('searching-based')).toBe(
      result.filter((e) => e.categoryId === 'searching-based').length,
    );
    const all = facetCounts(entries, emptyFilter(), notes);
    expect(all.tags).toEqual([
      { value: 'baseline', count: 2 },
      { value: 'pddl', count: 1 },
    ]);
    expect(all.starred).toBe(1);
    expect(all.userAdded).toBe(1);
    expect(all.hasCode).toEqual({ yes: 80, no: 104 });
    expect(all.taxon.get('external-module-augmented')).toBe(38);
  });

  it('toggles facet values', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
