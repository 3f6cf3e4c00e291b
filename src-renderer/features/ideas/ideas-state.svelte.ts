import { ApiError, invoke, onEvent } from '../../lib/api/client.ts';
import { saveTextFile } from '../../lib/save-file.ts';
import { isChange } from '../../lib/ideator-changes.ts';
import { openInIdeate } from '../../lib/session-request.svelte.ts';
import { ideaRows } from './idea-rows.ts';
import type { IdeaRow } from './idea-rows.ts';
import { SessionCopies } from './session-copies.ts';

/**
 * The Ideas section's state: every idea the ideator committed, read from its sessions (`ideator.list`, then
 * `ideator.get` for each) when the section opens. After that each session follows its numbered changes
 * (`ideator.event`): they are applied to that session's copy; only a session that is new, or whose changes
 * skipped one, is read again, and only that one.
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
  readonly #copies = new SessionCopies();
  #timer: ReturnType<typeof setTimeout> | null = null;

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const sessions = await invoke('ideator.list', {});
      const details = await Promise.all(sessions.map((s) => invoke('ideator.get', { sessionId: s.id })));
      if (request !== this.#request) return; // a newer load is on its way
      this.#copies.replaceAll(details);
      this.#show();
    } catch (err) {
      if (request !== this.#request) return;
      this.status = 'error';
      this.error = messageOf(err);
    }
  }

  /** Applies each session's changes as they come; returns the unsubscribe. */
  follow(): () => void {
    const off = onEvent('ideator.event', (event) => {
      if (!isChange(event)) return;
      const outcome = this.#copies.apply(event);
      // Turns and costs change no row; ideas, versions and status do.
      if (outcome === 'applied' && event.type !== 'turn' && event.type !== 'usage') this.#show();
      if (outcome === 'gap') this.#scheduleReread();
    });
    return () => {
      off();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  #show(): void {
    this.rows = ideaRows(this.#copies.all());
    this.status = 'ready';
    this.error = null;
  }

  /** Reads the stale sessions, each one alone, a little behind the events that marked them. */
  #scheduleReread(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const request = this.#request;
      const reads = this.#copies.takeStale().map(async (sessionId) => {
        try {
          const detail = await invoke('ideator.get', { sessionId });
          if (request === this.#request) this.#copies.put(detail);
        } catch {
          // Shown as it was; the next change to this session (or reopening the page) reads it again.
        }
      });
      void Promise.all(reads).then(() => this.#show());
    }, RELOAD_DELAY_MS);
  }

  openSession(sessionId: string): void {
    openInIdeate(sessionId);
  }

  /** The ideator's Markdown report of the latest version, saved through the browser's download. */
  async exportMarkdown(row: IdeaRow): Promise<void> {
    try {
      const report = await invoke('ideator.exportIdea', { ideaId: row.ideaId, version: row.latestVersion });
      saveTextFile(report.fileName, report.markdown);
      this.exportError = null;
    } catch (err) {
      this.exportError = messageOf(err);
    }
  }
}
