import { ApiError, invoke, onEvent } from '../../lib/api/client.ts';
import { goTo } from '../../lib/navigation.svelte.ts';
import { sharedIdeateState } from '../ideate/ideate-state.svelte.ts';
import { ideaRows } from './idea-rows.ts';
import type { IdeaRow } from './idea-rows.ts';

/**
 * The Ideas section's state: every idea the ideator committed, read from its sessions (`ideator.list`, then
 * `ideator.get` for each), re-read when an idea changes anywhere.
 */

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

const RELOAD_DELAY_MS = 300;

export class IdeasState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  rows = $state.raw<IdeaRow[]>([]);
  exportError = $state<string | null>(null);
  #request = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const sessions = await invoke('ideator.list', {});
      const details = await Promise.all(sessions.map((s) => invoke('ideator.get', { sessionId: s.id })));
      if (request !== this.#request) return; // a newer load is on its way
      this.rows = ideaRows(details);
      this.status = 'ready';
      this.error = null;
    } catch (err) {
      if (request !== this.#request) return;
      this.status = 'error';
      this.error = messageOf(err);
    }
  }

  /** Reloads (a little behind) when the ideator reports a new or decided idea; returns the unsubscribe. */
  follow(): () => void {
    const off = onEvent('ideator.event', (event) => {
      if (event.type !== 'idea' && event.type !== 'status') return;
      if (this.#timer) return;
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.load();
      }, RELOAD_DELAY_MS);
    });
    return () => {
      off();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  async openSession(sessionId: string): Promise<void> {
    goTo('ideate');
    await sharedIdeateState().select(sessionId);
  }

  /** The ideator's Markdown report of the latest version, saved through the browser's download. */
  async exportMarkdown(row: IdeaRow): Promise<void> {
    try {
      const report = await invoke('ideator.exportIdea', { ideaId: row.ideaId, version: row.latestVersion });
      const url = URL.createObjectURL(new Blob([report.markdown], { type: 'text/markdown;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = report.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.exportError = null;
    } catch (err) {
      this.exportError = messageOf(err);
    }
  }
}
