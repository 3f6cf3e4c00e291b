import type { AtlasEntry } from './atlas-types.ts';
import type { Category, CaveatKind } from './dataset-schema.ts';

/** Display text shared by the atlas components. */

export function provenanceLabel(p: AtlasEntry['descriptionProvenance']): { short: string; long: string } {
  switch (p) {
    case 'survey-text':
      return { short: 'survey', long: "From the survey's text (as summarised by a third-party review)" };
    case 'title-paraphrase':
      return { short: '[T]', long: 'Only a paraphrase of the paper title' };
    case 'user':
      return { short: 'yours', long: 'Written by you' };
  }
}

export function taxonPath(
  taxonomy: readonly Category[],
  e: Pick<AtlasEntry, 'categoryId' | 'subcategoryId' | 'groupId'>,
): { category: string; subcategory: string; group: string | null } {
  const category = taxonomy.find((c) => c.id === e.categoryId);
  const subcategory = category?.subcategories.find((s) => s.id === e.subcategoryId);
  const group = subcategory?.groups.find((g) => g.id === e.groupId);
  return {
    category: category?.name ?? e.categoryId,
    subcategory: subcategory?.name ?? e.subcategoryId,
    group: group?.name ?? null,
  };
}

export function taxonName(taxonomy: readonly Category[], id: string): string {
  for (const c of taxonomy) {
    if (c.id === id) return c.name;
    for (const s of c.subcategories) {
      if (s.id === id) return s.name;
      for (const g of s.groups) if (g.id === id) return g.name;
    }
  }
  return id;
}

export const CAVEAT_LABEL: Record<CaveatKind, string> = {
  'missing-link': 'No link ★',
  'secondary-source-only': 'Secondary source only',
  'no-paper-title': 'No paper title',
  'year-conflict': 'Year badges conflict',
  'month-conflict': 'Month badge conflicts',
  'placement-conflict': 'Placement differs between sources',
  'link-annotation': 'Link field annotated',
  'link-not-paper': 'Link is not a paper',
  'venue-spelling': 'Venue spelling differs',
  'not-a-method': 'Not a method',
  'figure-only': 'Only in a figure',
  'not-in-dataset-list': 'Not in the dataset list',
  'obscured-cell': 'Cell obscured in source',
  'identity-unconfirmed': 'Identity unconfirmed',
};

export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
