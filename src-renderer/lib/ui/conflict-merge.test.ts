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

describe('compareFields', () => {
  it('says per field who changed it since the version the editor opened', () => {
    const fields = compareFields(
      SPECS,
      base,
      { name: 'Mine', description: 'Mine text', aliases: 'a' },
      { name: 'Old', description: 'Their text', aliases: 'a\nb' },
    );
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
  it('finds marker lines only, not the same characters inside prose', () => {
    expect(hasConflictMarkers('a\n=======\nb')).toBe(true);
    expect(hasConflictMarkers('>>>>>>> theirs (Grace)')).toBe(true);
    expect(hasConflictMarkers('x ======= y')).toBe(false);
    expect(hasConflictMarkers('Mine text and Their text')).toBe(false);
  });
});

describe('resolveFields', () => {
  const fields = compareFields(
    SPECS,
    base,
    { name: 'Mine', description: 'Mine text', aliases: 'a' },
    { name: 'Old', description: 'Their text', aliases: 'a\nb' },
  );

  it('keep mine takes every field of the form, theirs every stored field', () => {
    expect(resolveFields('mine', fields).values).toEqual({
      name: 'Mine',
      description: 'Mine text',
      aliases: 'a',
    });
    expect(resolveFields('theirs', fields).values).toEqual({
      name: 'Old',
      description: 'Their text',
      aliases: 'a\nb',
    });
  });

  it('a merge takes the hand-edited text, and the draft where the user left a field alone', () => {
    expect(resolveFields('merged', fields, { description: 'Both ideas' }).values).toEqual({
      name: 'Mine',
      description: 'Both ideas',
      aliases: 'a\nb',
    });
  });

  it('keep mine / take theirs name that side for every field', () => {
    expect(resolveFields('mine', fields).sides).toEqual({
      name: 'mine',
      description: 'mine',
      aliases: 'mine',
    });
    expect(resolveFields('theirs', fields).sides).toEqual({
      name: 'theirs',
      description: 'theirs',
      aliases: 'theirs',
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
