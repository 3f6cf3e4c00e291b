import { describe, expect, it } from 'vitest';
import {
  compareFields,
  differing,
  hasConflictMarkers,
  mergeDraft,
  pickDraft,
  resolveFields,
  MINE_MARKER,
  SPLIT_MARKER,
  THEIRS_MARKER,
  type FieldSpec,
} from './conflict-merge.ts';

const SPECS: FieldSpec[] = [
  { key: 'name', label: 'Name', multiline: false },
  { key: 'description', label: 'Description', multiline: true },
  { key: 'aliases', label: 'Aliases', multiline: true },
];

const base = { name: 'Old', description: 'Opened text', aliases: 'a' };
const MINE = { name: 'Mine', description: 'Mine text', aliases: 'a' };
const THEIRS = { name: 'Old', description: 'Their text', aliases: 'a\nb' };
/** The fields when I renamed the node and we both rewrote the description: they also added an alias. */
const bothChangedSinceBase = (): ReturnType<typeof compareFields> => compareFields(SPECS, base, MINE, THEIRS);

describe('compareFields', () => {
  it('says per field who changed it since the version the editor opened', () => {
    const fields = bothChangedSinceBase();
    expect(fields.map((f) => [f.key, f.change])).toEqual([
      ['name', 'mine'],
      ['description', 'both'],
      ['aliases', 'theirs'],
    ]);
    expect(differing(fields).map((f) => f.key)).toEqual(['name', 'description', 'aliases']);
  });

  it('treats the same edit on both sides as no difference', () => {
    const same = { ...base, description: 'Agreed' };
    const fields = compareFields(SPECS, base, same, same);
    expect(differing(fields)).toEqual([]);
  });

  it('reads a missing key as empty text rather than failing', () => {
    const fields = compareFields(SPECS, {}, { name: 'x' }, {});
    expect(fields[0]).toMatchObject({ base: '', mine: 'x', theirs: '', change: 'mine' });
  });
});

describe('mergeDraft', () => {
  it('keeps both versions of a field both sides changed, marked, and one-sided changes as they are', () => {
    const [name, description, aliases] = compareFields(
      SPECS,
      base,
      { name: 'Mine', description: 'Mine text', aliases: 'a' },
      { name: 'Theirs', description: 'Their text', aliases: 'a\nb' },
    );
    expect(mergeDraft(name!)).toBe('Mine / Theirs');
    expect(mergeDraft(description!)).toBe('<<<<<<< yours\nMine text\n=======\nTheir text\n>>>>>>> theirs');
    expect(hasConflictMarkers(mergeDraft(description!))).toBe(true);
    expect(mergeDraft(aliases!)).toBe('a\nb');
  });
});

describe('hasConflictMarkers', () => {
  it.each(['a\n=======\nb', '>>>>>>> theirs (Grace)'])('finds the marker line in %j', (text) => {
    expect(hasConflictMarkers(text)).toBe(true);
  });

  it.each(['x ======= y', 'Mine text and Their text'])('finds no marker in the prose %j', (text) => {
    expect(hasConflictMarkers(text)).toBe(false);
  });
});

describe('resolveFields', () => {
  const fields = bothChangedSinceBase();

  it.each([
    ['mine', MINE],
    ['theirs', THEIRS],
  ] as const)(
    'keep %s takes that side for every field: the form for mine, the stored node for theirs',
    (side, values) => {
      const resolved = resolveFields(side, fields);
      expect(resolved.values).toEqual(values);
      expect(resolved.sides).toEqual({ name: side, description: side, aliases: side });
    },
  );

  it('a merge takes the hand-edited text, and the draft where the user left a field alone', () => {
    expect(resolveFields('merged', fields, { description: 'Both ideas' }).values).toEqual({
      name: 'Mine',
      description: 'Both ideas',
      aliases: 'a\nb',
    });
  });
});

describe('picked fields and an unknown base', () => {
  const PICKED: FieldSpec[] = [
    { key: 'note', label: 'Note', multiline: true },
    { key: 'starred', label: 'Star', multiline: false, pick: true },
    { key: 'links', label: 'Links', multiline: false, pick: true },
  ];
  const fields = compareFields(
    PICKED,
    null,
    { note: 'my note', starred: '★', links: 'A' },
    { note: 'their note', starred: '☆', links: 'A' },
  );

  it('without the base version every difference counts as changed on both sides', () => {
    expect(fields.map((f) => f.change)).toEqual(['both', 'both', 'same']);
    expect(differing(fields).map((f) => f.key)).toEqual(['note', 'starred']);
    expect(mergeDraft(fields[0]!)).toBe(
      `${MINE_MARKER}\nmy note\n${SPLIT_MARKER}\ntheir note\n${THEIRS_MARKER}`,
    );
  });

  it('a merge saves the picked side of picked fields, its shown value, and the typed text of the rest', () => {
    const resolved = resolveFields('merged', fields, { note: 'both notes' }, { starred: 'theirs' });
    expect(resolved.values).toEqual({ note: 'both notes', starred: '☆', links: 'A' });
    expect(resolved.sides).toEqual({ note: 'mine', starred: 'theirs', links: 'mine' });
  });

  it('a picked field starts on the side that changed it', () => {
    const [, star] = compareFields(PICKED, { starred: '★' }, { starred: '★' }, { starred: '☆' });
    expect(pickDraft(star!)).toBe('theirs');
    expect(pickDraft(fields[1]!)).toBe('mine');
  });
});
