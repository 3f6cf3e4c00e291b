import { invoke } from '../../lib/api/client.ts';
import { openInIdeate } from '../../lib/session-request.svelte.ts';
import type { CachedIdea } from '../../lib/db/library-types.ts';
import { withMeta } from './library-adapter.ts';
import { messageOf, type LibraryState } from './library-state.svelte.ts';
import { BusyTask } from '../../lib/ui/busy-task.svelte.ts';

/**
 * What the user does to an idea beyond notes: archive and restore (with an undo toast), delete for good (only
 * from the archive, after a confirm, itself undoable for the core's undo window), and fork it into a new session.
 */

export interface UndoToast {
  id: number;
  message: string;
  undo: () => Promise<void>;
}

const TOAST_MS = 10_000;

export class LibraryActions {
  toast = $state.raw<UndoToast | null>(null);
  readonly #task = new BusyTask(messageOf);
  readonly #library: LibraryState;
  #toastTimer: ReturnType<typeof setTimeout> | null = null;
  #toastId = 0;

  constructor(library: LibraryState) {
    this.#library = library;
  }

  /** An action is running: the buttons wait for it. */
  get busy(): boolean {
    return this.#task.running;
  }

  /** Why the last action failed; null when it did not. */
  get error(): string | null {
    return this.#task.error || null;
  }

  #show(message: string, undo: () => Promise<void>): void {
    if (this.#toastTimer) clearTimeout(this.#toastTimer);
    const id = ++this.#toastId;
    this.toast = { id, message, undo };
    this.#toastTimer = setTimeout(() => {
      if (this.toast?.id === id) this.toast = null;
    }, TOAST_MS);
  }

  async undo(): Promise<void> {
    const toast = this.toast;
    if (!toast) return;
    this.toast = null;
    await this.#task.run(toast.undo);
  }

  dismiss(): void {
    this.toast = null;
  }

  async archive(idea: CachedIdea): Promise<void> {
    await this.#task.run(async () => {
      const meta = await invoke('library.archive', { ideaId: idea.ideaId, baseRevision: idea.revision });
      await this.#library.replace(withMeta(idea, meta));
      this.#show(`Archived “${idea.title}”.`, () => this.#setArchived(idea.ideaId, false));
    });
  }

  async restore(idea: CachedIdea): Promise<void> {
    await this.#task.run(async () => {
      await this.#setArchived(idea.ideaId, false);
      this.#show(`Restored “${idea.title}”.`, () => this.#setArchived(idea.ideaId, true));
    });
  }

  async #setArchived(ideaId: string, archived: boolean): Promise<void> {
    const current = this.#library.find(ideaId);
    if (!current) return;
    const meta = archived
      ? await invoke('library.archive', { ideaId })
      : await invoke('library.restore', { ideaId });
    await this.#library.replace(withMeta(current, meta));
  }

  /** Only an archived idea, and only once the user confirmed in the detail panel. */
  async deleteForGood(idea: CachedIdea): Promise<void> {
    await this.#task.run(async () => {
      await invoke('library.delete', { ideaId: idea.ideaId, confirm: idea.ideaId });
      await this.#library.refresh();
      this.#show(`Deleted “${idea.title}”.`, async () => {
        await invoke('library.undelete', { ideaId: idea.ideaId });
        await this.#library.refresh();
      });
    });
  }

  /** A new session that starts from this version, with the user's guidance as the first word to the researcher. */
  async fork(idea: CachedIdea, version: number, guidance: string): Promise<void> {
    await this.#task.run(async () => {
      const text = guidance.trim();
      const session = await invoke('ideator.fork', {
        ideaId: idea.ideaId,
        version,
        ...(text ? { options: { guidance: text } } : {}),
      });
      openInIdeate(session.id);
    });
  }
}
