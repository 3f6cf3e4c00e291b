import { invoke } from '../../lib/api/client.ts';
import type { CachedIdea } from '../../lib/db/library-types.ts';
import {
  DEFAULT_QUERY,
  filterChoices,
  NO_IDS,
  NO_SNIPPETS,
  selectLines,
  sortLibrary,
  searchWords,
  snippetsOf,
  toggled,
  transcriptIds,
  type LibraryQuery,
} from './library-query.ts';

/**
 * What the library page shows of the ideas: the query (search, filters, sort, group), the lines it yields, the
 * ideas ticked for comparing, and transcript matches from the core (`library.search`, online only). The cached
 * fields answer at once; transcript hits join a moment later.
 */

const TRANSCRIPT_DELAY_MS = 250;

export class LibraryView {
  query = $state<LibraryQuery>({ ...DEFAULT_QUERY });
  transcriptHits = $state.raw<ReadonlySet<string>>(NO_IDS);
  /** Snippets of the transcript matches, by idea id («word» marks the match). */
  snippets = $state.raw<ReadonlyMap<string, string>>(NO_SNIPPETS);
  selected = $state.raw<ReadonlySet<string>>(NO_IDS);
  readonly #ideas: () => readonly CachedIdea[];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #searchRequest = 0;

  /** Sorted once per sort change; a search or filter only walks this list. */
  sorted = $derived(sortLibrary(this.#all(), this.query.sort, this.query.descending));
  lines = $derived(selectLines(this.sorted, $state.snapshot(this.query), this.transcriptHits));
  choices = $derived(filterChoices(this.#all()));

  constructor(ideas: () => readonly CachedIdea[]) {
    this.#ideas = ideas;
  }

  #all(): readonly CachedIdea[] {
    return this.#ideas();
  }

  /** Asks the core for transcript matches of the current search (skipped offline or for an empty search). */
  searchTranscripts(online: boolean): void {
    if (this.#timer) clearTimeout(this.#timer);
    const text = this.query.text.trim();
    const request = ++this.#searchRequest;
    if (!online || searchWords(text).length === 0) {
      this.transcriptHits = NO_IDS;
      this.snippets = NO_SNIPPETS;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      invoke('library.search', { query: text, limit: 200, includeArchived: true })
        .then(({ hits }) => {
          if (request !== this.#searchRequest) return;
          this.transcriptHits = transcriptIds(hits);
          this.snippets = snippetsOf(hits);
        })
        .catch(() => {
          // Offline or refused: the cached fields still answer; transcripts join when the core is back.
        });
    }, TRANSCRIPT_DELAY_MS);
  }

  toggle(ideaId: string): void {
    this.selected = toggled(this.selected, ideaId);
  }

  clearSelection(): void {
    this.selected = NO_IDS;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}
