import type { AtlasEntry, UserMethod } from './atlas-types.ts';
import type { Method, PerformanceTable } from './dataset-schema.ts';

/** Builds the browser's entries from dataset methods, performance tables and user-added methods. */

export function benchmarkIdsByMethod(tables: readonly PerformanceTable[]): Map<string, Set<string>> {
  const byMethod = new Map<string, Set<string>>();
  for (const table of tables) {
    for (const row of table.rows) {
      if (row.methodId === null) continue;
      const set = byMethod.get(row.methodId) ?? new Set<string>();
      for (const cell of row.cells) {
        const column = table.columns.find((c) => c.key === cell.column);
        if (cell.status === 'reported' && column?.benchmarkId) set.add(column.benchmarkId);
      }
      byMethod.set(row.methodId, set);
    }
  }
  return byMethod;
}

export function entryFromMethod(m: Method, tableBenchmarks: ReadonlySet<string> | undefined): AtlasEntry {
  return {
    id: m.id,
    name: m.name,
    paperTitle: m.paperTitle,
    year: m.year,
    yearBadge: m.yearBadge,
    venue: m.venue,
    venueKey: m.venueKey,
    link: m.link,
    arxivId: m.arxivId,
    code: m.code,
    categoryId: m.categoryId,
    subcategoryId: m.subcategoryId,
    groupId: m.groupId,
    description: m.description,
    descriptionProvenance: m.descriptionProvenance,
    userAdded: false,
    caveats: m.caveats,
    benchmarkIds: [...new Set([...(tableBenchmarks ?? []), ...m.alsoBenchmarkIds])].sort(),
  };
}

export function entryFromUserMethod(u: UserMethod): AtlasEntry {
  return {
    id: u.id,
    name: u.name,
    paperTitle: u.paperTitle,
    year: u.year,
    yearBadge: null,
    venue: u.venue,
    venueKey: u.venue,
    link: u.link,
    arxivId: null,
    code: u.code,
    categoryId: u.categoryId,
    subcategoryId: u.subcategoryId,
    groupId: null,
    description: u.description,
    descriptionProvenance: 'user',
    userAdded: true,
    caveats: [],
    benchmarkIds: [],
  };
}

export function buildEntries(
  methods: readonly Method[],
  userMethods: readonly UserMethod[],
  tables: readonly PerformanceTable[],
): AtlasEntry[] {
  const byMethod = benchmarkIdsByMethod(tables);
  return [
    ...methods.map((m) => entryFromMethod(m, byMethod.get(m.id))),
    ...userMethods.map((u) => entryFromUserMethod(u)),
  ];
}

/** The searchable text of an entry: description, venue, arXiv id and the user's tags and note. */
export function toSearchDoc(
  e: AtlasEntry,
  tags: readonly string[] = [],
  note = '',
): { id: string; name: string; title: string | null; text: string } {
  return {
    id: e.id,
    name: e.name,
    title: e.paperTitle,
    text: [e.description, e.venue ?? '', e.arxivId ?? '', ...tags, note].join(' '),
  };
}
