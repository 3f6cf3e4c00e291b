import type { Caveat, DescriptionProvenance } from './dataset-schema.ts';

/** What the user adds or writes about a method. Keyed by method id (dataset or user-added). */
export interface Annotation {
  methodId: string;
  tags: string[];
  starred: boolean;
  note: string;
  /** Ids of graph Solution nodes this method relates to (free text until the graph UI lands). */
  solutionNodeIds: string[];
  updatedAt: number;
}

/** A method the survey missed, added by the user. Never replaced by dataset updates. */
export interface UserMethod {
  id: string;
  userAdded: true;
  name: string;
  paperTitle: string | null;
  year: number | null;
  venue: string | null;
  link: string | null;
  code: string | null;
  categoryId: string;
  subcategoryId: string;
  description: string;
  createdAt: number;
}

/** One row of the browser: a dataset method or a user-added one, in one shape. */
export interface AtlasEntry {
  id: string;
  name: string;
  paperTitle: string | null;
  year: number | null;
  yearBadge: string | null;
  venue: string | null;
  venueKey: string | null;
  link: string | null;
  arxivId: string | null;
  code: string | null;
  categoryId: string;
  subcategoryId: string;
  groupId: string | null;
  description: string;
  descriptionProvenance: DescriptionProvenance | 'user';
  userAdded: boolean;
  caveats: Caveat[];
  /** Benchmarks with a reported result for this method (performance tables) or sharing its paper. */
  benchmarkIds: string[];
}

export function emptyAnnotation(methodId: string): Annotation {
  return { methodId, tags: [], starred: false, note: '', solutionNodeIds: [], updatedAt: 0 };
}
