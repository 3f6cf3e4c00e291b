import { describe, expect, it } from 'vitest';
import { differing, resolveFields } from '../../lib/ui/conflict-merge.ts';
import type { Settings } from '../../../src-main/contract/index.ts';
import { draftFrom } from './settings-form.ts';
import {
  applyResolution,
  sameValues,
  sectionConflictFields,
  sectionPatch,
  sectionValues,
} from './settings-sections.ts';

const NO_MODELS = { researcher: null, mentor: null, judge: null, extractor: null, embeddings: null };
/** The sections this page edits; the rest of Settings is not read by these functions. */
function settings(
  revision: number,
  patch: { displayName?: string; baseUrl?: string; model?: string },
): Settings {
  return {
    schemaVersion: 1,
    revision,
    appearance: { theme: 'system', density: 'comfortable' },
    profile: { displayName: patch.displayName ?? '' },
    ideation: { ideasPerTopic: 3, maxRounds: 5 },
    llm: {
      baseUrl: patch.baseUrl ?? null,
      model: patch.model ?? null,
      models: NO_MODELS,
      endpoints: NO_MODELS,
    },
    neo4j: { uri: null, user: null, database: null },
  } as Partial<Settings> as Settings;
}

const base = settings(4, {});
const theirs = settings(5, { displayName: 'Ada', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' });

describe('settings sections', () => {
  it('patches one section with the revision it was drafted from', () => {
    const draft = draftFrom(base);
    draft.maxRounds = 9;
    expect(sectionPatch(draft, 'ideation', base.revision)).toEqual({
      baseRevision: 4,
      ideation: { ideasPerTopic: 3, maxRounds: 9 },
    });
  });

  it('compares by value, numbers typed as text included', () => {
    const draft = draftFrom(base);
    const typed = { ...draft, maxRounds: '5' as unknown as number };
    expect(sameValues(sectionValues(typed, 'ideation'), sectionValues(draft, 'ideation'))).toBe(true);
    expect(sameValues(sectionValues(draftFrom(theirs), 'llm'), sectionValues(draft, 'llm'))).toBe(false);
  });

  it('shows only what differs, and a hand merge takes each field from the side picked', () => {
    const draft = draftFrom(base);
    draft.llmModel = 'mine-model';
    const all = sectionConflictFields(draft, theirs, 'llm');
    const fields = differing(all);
    expect(fields.map((f) => [f.key, f.mine, f.theirs])).toEqual([
      ['llmBaseUrl', '', 'http://127.0.0.1:11434/v1'],
      ['llmModel', 'mine-model', 'llama3'],
    ]);
    expect(fields.every((f) => f.pick)).toBe(true);
    const merged = resolveFields('merged', all, {}, { llmBaseUrl: 'theirs', llmModel: 'mine' });
    applyResolution(draft, theirs, 'llm', merged.sides);
    expect([draft.llmBaseUrl, draft.llmModel]).toEqual(['http://127.0.0.1:11434/v1', 'mine-model']);
    applyResolution(draft, theirs, 'llm', resolveFields('theirs', all).sides);
    expect(draft.llmModel).toBe('llama3');
    // Other sections are never touched by a section's resolution.
    expect(draft.displayName).toBe('');
  });
});
