import type { Caveat, DescriptionProvenance } from './dataset-schema.ts';

/** A graph Solution node the user linked to a method, found through `graph.search`. */
export interface SolutionLink {
  id: string;
  /** The node's name when linked; null for ids typed as free text before schema v3 (name never known). */
  name: string | null;
}

/** What the user adds or writes about a method. Keyed by method id (dataset or user-added). */
export interface Annotation {
  methodId: string;
  tags: string[];
  starred: boolean;
  note: string;
  /** Graph Solution nodes this method relates to. */
  solutionLinks: SolutionLink[];
  updatedAt: number;
  /** The core's revision this cached row is based on; 0 or absent = the core has not taken it yet. */
  revision?: number;
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
  /** As on Annotation. */
  revision?: number;
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
  return { methodId, tags: [], starred: false, note: '', solutionLinks: [], updatedAt: 0 };
}
