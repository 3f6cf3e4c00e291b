import type { AnnotationBody, UserMethodBody } from '../../../src-main/contract/index.ts';
import type { OutboxEntry } from '../../lib/db/outbox.ts';
import {
  compareFields,
  type FieldComparison,
  type FieldSpec,
  type ResolvedFields,
} from '../../lib/ui/conflict-merge.ts';

/** A conflicted annotation or user method, in the shape ConflictDialog shows, and back. */

const EMPTY_ANNOTATION = { tags: [], starred: false, note: '', solutionLinks: [] };

function annotationSides(entry: OutboxEntry): { mine: AnnotationBody; theirs: AnnotationBody } {
  const mine = { methodId: entry.id, ...EMPTY_ANNOTATION, ...(entry.body as AnnotationBody | undefined) };
  const theirs = { methodId: entry.id, ...EMPTY_ANNOTATION, ...(entry.conflict as AnnotationBody | null) };
  return { mine, theirs };
}

const links = (a: AnnotationBody): string => a.solutionLinks.map((l) => l.name ?? l.id).join(', ');

export function conflictTitle(entry: OutboxEntry, name: string): string {
  const what = entry.kind === 'annotation' ? 'Your notes on' : 'Your method';
  const how = entry.op === 'delete' ? ' (you deleted it)' : entry.conflict === null ? ' (deleted there)' : '';
  return `${what} “${name}” changed elsewhere${how}`;
}

const ANNOTATION_FIELDS: readonly FieldSpec[] = [
  { key: 'note', label: 'Note', multiline: true },
  { key: 'tags', label: 'Tags', multiline: false },
  { key: 'starred', label: 'Star', multiline: false, pick: true },
  { key: 'links', label: 'Linked Solutions', multiline: false, pick: true },
];

const METHOD_KEYS = ['name', 'description', 'paperTitle', 'venue', 'link', 'code'] as const;
const METHOD_FIELDS: readonly FieldSpec[] = METHOD_KEYS.map((key) => ({
  key,
  label: key,
  multiline: key === 'description',
  pick: key !== 'name' && key !== 'description',
}));

function annotationText(a: AnnotationBody): Record<string, string> {
  return { note: a.note, tags: a.tags.join(', '), starred: a.starred ? '★' : '☆', links: links(a) };
}

function methodText(m: UserMethodBody | null | undefined): Record<string, string> {
  return Object.fromEntries(METHOD_KEYS.map((key) => [key, String(m?.[key] ?? '')]));
}

/** The outbox keeps no copy of the version the user started from, so the base is unknown (null). */
export function conflictFields(entry: OutboxEntry): FieldComparison[] {
  if (entry.kind === 'annotation') {
    const { mine, theirs } = annotationSides(entry);
    return compareFields(ANNOTATION_FIELDS, null, annotationText(mine), annotationText(theirs));
  }
  const mine = entry.body as UserMethodBody | undefined;
  const theirs = entry.conflict as UserMethodBody | null;
  return compareFields(METHOD_FIELDS, null, methodText(mine), methodText(theirs));
}

/** The body a hand merge saves; null when there is nothing to merge (a delete on one side). */
export function mergedBody(
  entry: OutboxEntry,
  merge: ResolvedFields,
): AnnotationBody | UserMethodBody | null {
  if (!entry.body || !entry.conflict) return null;
  if (entry.kind === 'annotation') {
    const { mine, theirs } = annotationSides(entry);
    return {
      ...mine,
      note: merge.values['note'] ?? mine.note,
      tags: [
        ...new Set(
          (merge.values['tags'] ?? mine.tags.join(','))
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
        ),
      ],
      starred: merge.sides['starred'] === 'theirs' ? theirs.starred : mine.starred,
      solutionLinks: merge.sides['links'] === 'theirs' ? theirs.solutionLinks : mine.solutionLinks,
    };
  }
  const mine = entry.body as UserMethodBody;
  const theirs = entry.conflict as UserMethodBody;
  const pick = <K extends 'paperTitle' | 'venue' | 'link' | 'code'>(key: K): UserMethodBody[K] =>
    merge.sides[key] === 'theirs' ? theirs[key] : mine[key];
  return {
    ...mine,
    name: merge.values['name']?.trim() || mine.name,
    description: merge.values['description']?.trim() || mine.description,
    paperTitle: pick('paperTitle'),
    venue: pick('venue'),
    link: pick('link'),
    code: pick('code'),
  };
}
