import type { LibraryQuery } from './library-query.ts';
import { SORT_KEYS } from './library-query.ts';

/** The toolbar's drop-downs, as data: which query field each sets, and its choices (value, label). */

type SelectField = 'status' | 'topic' | 'source' | 'author' | 'tag' | 'archived' | 'sort' | 'group';

export interface ToolbarSelect {
  field: SelectField;
  label: string;
  testid: string;
  options: [string, string][];
}

const orAny = (values: readonly string[]): [string, string][] => [
  ['', 'any'],
  ...values.map((v): [string, string] => [v, v]),
];

export function toolbarSelects(choices: {
  topics: string[];
  authors: string[];
  tags: string[];
}): ToolbarSelect[] {
  return [
    {
      field: 'status',
      label: 'Status',
      testid: 'library-filter-status',
      options: [
        ['all', 'any'],
        ['accepted', 'accepted'],
        ['rejected', 'rejected'],
        ['round_limit', 'round limit'],
        ['draft', 'draft'],
      ],
    },
    { field: 'topic', label: 'Topic', testid: 'library-filter-topic', options: orAny(choices.topics) },
    {
      field: 'source',
      label: 'Source',
      testid: 'library-filter-source',
      options: [
        ['all', 'all'],
        ['mine', 'mine'],
        ['lab', 'lab'],
      ],
    },
    { field: 'author', label: 'Author', testid: 'library-filter-author', options: orAny(choices.authors) },
    { field: 'tag', label: 'Tag', testid: 'library-filter-tag', options: orAny(choices.tags) },
    {
      field: 'archived',
      label: 'Show',
      testid: 'library-filter-archived',
      options: [
        ['active', 'library'],
        ['archived', 'archive'],
        ['all', 'both'],
      ],
    },
    {
      field: 'sort',
      label: 'Sort',
      testid: 'library-sort',
      options: SORT_KEYS.map((k): [string, string] => [k, k === 'elo' ? 'ELO' : k]),
    },
    {
      field: 'group',
      label: 'Group',
      testid: 'library-group',
      options: [
        ['none', 'none'],
        ['topic', 'topic'],
        ['session', 'session'],
      ],
    },
  ];
}

/** The query with one drop-down's value set (the values come from that drop-down's own options). */
export function withSelect(query: LibraryQuery, field: SelectField, value: string): LibraryQuery {
  return { ...query, [field]: value } as LibraryQuery;
}
