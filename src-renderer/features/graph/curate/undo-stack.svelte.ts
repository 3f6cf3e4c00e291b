import { ApiError } from '../../../lib/api/client.ts';

/**
 * The window's undo stack for graph curation: each entry is the inverse write of one action, carrying the
 * version that action left behind. Undoing after someone else changed the same thing is refused by the core
 * (CONFLICT) and said so; the entry is dropped rather than retried over their change.
 */
export interface UndoEntry {
  /** What undo will revert, for the button: "create Problem “X”", "approve 3 nodes". */
  label: string;
  /** The inverse write; resolves with the ids it touched (for the refresh), and what it could not put back. */
  revert: () => Promise<string[] | UndoOutcome>;
}

export interface UndoOutcome {
  ids: string[];
  /** Said after "Undone: …" (e.g. edges that could not come back). */
  note: string;
  /** A node to show once undone (a deleted node that came back). */
  select?: string;
}

const DEPTH = 20;

class UndoStack {
  entries = $state.raw<UndoEntry[]>([]);
  busy = $state(false);
  /** The last undo's outcome, shown beside the button. */
  message = $state<{ text: string; error: boolean } | null>(null);

  get last(): UndoEntry | null {
    return this.entries.at(-1) ?? null;
  }

  push(entry: UndoEntry): void {
    this.entries = [...this.entries, entry].slice(-DEPTH);
    this.message = null;
  }

  /** Runs the newest inverse write; `refresh` reloads what it touched (and shows `select`, when given). */
  async undo(refresh: (ids: string[], select?: string) => Promise<void>): Promise<void> {
    const entry = this.last;
    if (!entry || this.busy) return;
    this.busy = true;
    this.entries = this.entries.slice(0, -1);
    try {
      const outcome = await entry.revert();
      const { ids, note, select } = Array.isArray(outcome) ? { ids: outcome, note: '' } : outcome;
      this.message = { text: `Undone: ${entry.label}.${note ? ` ${note}` : ''}`, error: false };
      await refresh(ids, select);
    } catch (err) {
      const stale = err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND');
      const reason = err instanceof Error ? err.message : String(err);
      // Not refused but failed (the store is unreachable…): the entry stays for another try.
      if (!stale) this.entries = [...this.entries, entry];
      this.message = {
        text: stale
          ? `Could not undo “${entry.label}”: it was changed since (${reason}). Nothing was overwritten.`
          : `Could not undo “${entry.label}” yet: ${reason}. Try again.`,
        error: true,
      };
      await refresh([]);
    } finally {
      this.busy = false;
    }
  }
}

export const undoStack = new UndoStack();
