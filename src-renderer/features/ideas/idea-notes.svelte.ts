import { ApiError, invoke } from '../../lib/api/client.ts';
import type { CachedIdea } from '../../lib/db/library-types.ts';
import {
  compareFields,
  type FieldComparison,
  type Resolution,
  type ResolvedFields,
} from '../../lib/ui/conflict-merge.ts';
import type { LibraryMeta } from '../../../src-main/contract/library.ts';
import { tagsFromText, withMeta } from './library-adapter.ts';
import { messageOf } from './library-state.svelte.ts';

/**
 * The tags and note editor of one idea. A save names the revision the editor opened; when another tab, window or
 * the CLI saved first the core refuses it (CONFLICT with the stored row) and the user settles it in
 * ConflictDialog: nothing is overwritten without them seeing both versions.
 */

export const NOTE_FIELDS = [
  { key: 'tags', label: 'Tags (comma-separated)', multiline: false },
  { key: 'note', label: 'Note', multiline: true },
] as const;

interface Draft {
  tags: string;
  note: string;
}

function draftOf(idea: Pick<CachedIdea, 'tags' | 'note'>): Draft {
  return { tags: idea.tags.join(', '), note: idea.note };
}

function isMeta(value: unknown): value is LibraryMeta {
  const v = value as Partial<LibraryMeta> | null;
  return typeof v?.revision === 'number' && Array.isArray(v.tags) && typeof v.note === 'string';
}

export class IdeaNotes {
  draft = $state<Draft>({ tags: '', note: '' });
  base = $state.raw<Draft>({ tags: '', note: '' });
  saving = $state(false);
  error = $state<string | null>(null);
  saved = $state(false);
  conflict = $state.raw<{ fields: FieldComparison[]; theirs: LibraryMeta } | null>(null);
  #idea: CachedIdea | null = null;
  /** The revision the draft started from. */
  #baseRevision = 0;
  readonly #onSaved: (idea: CachedIdea) => Promise<void>;

  constructor(onSaved: (idea: CachedIdea) => Promise<void>) {
    this.#onSaved = onSaved;
  }

  /**
   * Opens an idea, or takes the core's newer copy of it. While the user is typing, a newer copy does not move the
   * revision the save names: the save must be refused (and the user shown both) rather than overwrite it.
   */
  edit(idea: CachedIdea): void {
    const same = this.#idea?.ideaId === idea.ideaId;
    this.#idea = idea;
    if (same && this.dirty) return;
    this.#baseRevision = idea.revision;
    this.base = draftOf(idea);
    this.draft = draftOf(idea);
    this.conflict = null;
    this.error = null;
    if (!same) this.saved = false;
  }

  get dirty(): boolean {
    return this.draft.tags !== this.base.tags || this.draft.note !== this.base.note;
  }

  async save(): Promise<void> {
    const idea = this.#idea;
    if (!idea) return;
    await this.#send(idea, this.draft, this.#baseRevision);
  }

  async #send(idea: CachedIdea, draft: Draft, baseRevision: number): Promise<void> {
    this.saving = true;
    this.error = null;
    try {
      const meta = await invoke('library.update', {
        ideaId: idea.ideaId,
        baseRevision,
        tags: tagsFromText(draft.tags),
        note: draft.note,
      });
      await this.#settled(withMeta(idea, meta));
      this.saved = true;
    } catch (err) {
      const current =
        err instanceof ApiError ? (err.details as { current?: unknown } | null)?.current : undefined;
      if (err instanceof ApiError && err.code === 'CONFLICT' && isMeta(current)) {
        this.conflict = {
          fields: compareFields(NOTE_FIELDS, { ...this.base }, { ...draft }, { ...draftOf(current) }),
          theirs: current,
        };
      } else this.error = messageOf(err);
    } finally {
      this.saving = false;
    }
  }

  async #settled(idea: CachedIdea): Promise<void> {
    this.#idea = idea;
    this.#baseRevision = idea.revision;
    this.base = draftOf(idea);
    this.draft = draftOf(idea);
    this.conflict = null;
    await this.#onSaved(idea);
  }

  async resolve(choice: Resolution, resolved: ResolvedFields): Promise<void> {
    const conflict = this.conflict;
    const idea = this.#idea;
    if (!conflict || !idea) return;
    if (choice === 'theirs') {
      await this.#settled(withMeta(idea, conflict.theirs));
      return;
    }
    const draft = { tags: resolved.values['tags'] ?? '', note: resolved.values['note'] ?? '' };
    this.base = draftOf(conflict.theirs);
    this.conflict = null;
    await this.#send(idea, draft, conflict.theirs.revision);
  }
}
