import { describe, expect, it } from 'vitest';
import {
  compareFields,
  differing,
  hasConflictMarkers,
  mergeDraft,
  resolvedValues,
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

describe('resolvedValues', () => {
  const fields = compareFields(
    SPECS,
    base,
    { name: 'Mine', description: 'Mine text', aliases: 'a' },
    { name: 'Old', description: 'Their text', aliases: 'a\nb' },
  );

  it('keep mine takes every field of the form, theirs every stored field', () => {
    expect(resolvedValues('mine', fields)).toEqual({ name: 'Mine', description: 'Mine text', aliases: 'a' });
    expect(resolvedValues('theirs', fields)).toEqual({
      name: 'Old',
      description: 'Their text',
      aliases: 'a\nb',
    });
  });

  it('a merge takes the hand-edited text, and the draft where the user left a field alone', () => {
    expect(resolvedValues('merged', fields, { description: 'Both ideas' })).toEqual({
      name: 'Mine',
      description: 'Both ideas',
      aliases: 'a\nb',
    });
  });
});
