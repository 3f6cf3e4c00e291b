import type { AnnotationBody, UserMethodBody } from '../../../src-main/contract/index.ts';
import type { OutboxEntry } from '../../lib/db/outbox.ts';
import type { ConflictField, ConflictResolution } from '../../lib/ui/conflict.ts';

/** A conflicted annotation or user method, in the shape ConflictChoice shows, and back. */

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

export function conflictFields(entry: OutboxEntry): ConflictField[] {
  if (entry.kind === 'annotation') {
    const { mine, theirs } = annotationSides(entry);
    return [
      { key: 'note', label: 'Note', mine: mine.note, theirs: theirs.note, edit: 'text' },
      {
        key: 'tags',
        label: 'Tags',
        mine: mine.tags.join(', '),
        theirs: theirs.tags.join(', '),
        edit: 'text',
      },
      {
        key: 'starred',
        label: 'Star',
        mine: mine.starred ? '★' : '☆',
        theirs: theirs.starred ? '★' : '☆',
        edit: 'pick',
      },
      { key: 'links', label: 'Linked Solutions', mine: links(mine), theirs: links(theirs), edit: 'pick' },
    ];
  }
  const mine = entry.body as UserMethodBody | undefined;
  const theirs = entry.conflict as UserMethodBody | null;
  return (['name', 'description', 'paperTitle', 'venue', 'link', 'code'] as const).map((key) => ({
    key,
    label: key,
    mine: String(mine?.[key] ?? ''),
    theirs: String(theirs?.[key] ?? ''),
    edit: key === 'name' || key === 'description' ? ('text' as const) : ('pick' as const),
  }));
}

/** The body a hand merge saves; null when there is nothing to merge (a delete on one side). */
export function mergedBody(
  entry: OutboxEntry,
  merge: Extract<ConflictResolution, { kind: 'merged' }>,
): AnnotationBody | UserMethodBody | null {
  if (!entry.body || !entry.conflict) return null;
  if (entry.kind === 'annotation') {
    const { mine, theirs } = annotationSides(entry);
    return {
      ...mine,
      note: merge.text['note'] ?? mine.note,
      tags: [
        ...new Set(
          (merge.text['tags'] ?? '')
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
        ),
      ],
      starred: merge.picks['starred'] === 'theirs' ? theirs.starred : mine.starred,
      solutionLinks: merge.picks['links'] === 'theirs' ? theirs.solutionLinks : mine.solutionLinks,
    };
  }
  const mine = entry.body as UserMethodBody;
  const theirs = entry.conflict as UserMethodBody;
  const pick = <K extends 'paperTitle' | 'venue' | 'link' | 'code'>(key: K): UserMethodBody[K] =>
    merge.picks[key] === 'theirs' ? theirs[key] : mine[key];
  return {
    ...mine,
    name: merge.text['name']?.trim() || mine.name,
    description: merge.text['description']?.trim() || mine.description,
    paperTitle: pick('paperTitle'),
    venue: pick('venue'),
    link: pick('link'),
    code: pick('code'),
  };
}
