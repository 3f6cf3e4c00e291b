import type { GraphNode, NodeKind } from '../../../src-main/contract/graph.ts';
import { invoke } from '../../lib/api/client.ts';

/**
 * Type-to-find a node: a lexical `graph.search` per keystroke, answers of older keystrokes dropped. Shared by the
 * curation NodePicker (edge ends, merge) and the explorer's path ends.
 */
export class NodeLookup {
  query = $state('');
  hits = $state.raw<GraphNode[]>([]);
  problem = $state<string | null>(null);
  /** The answer to the current text has arrived (so "no match" is not said while asking). */
  answered = $state(false);
  #asked = 0;
  readonly #kinds: (() => NodeKind[]) | undefined;
  readonly #exclude: () => readonly string[];

  /** `kinds`: the kinds to find (all when left out); `exclude`: ids never offered. Both read at each search. */
  constructor(kinds?: () => NodeKind[], exclude: () => readonly string[] = () => []) {
    this.#kinds = kinds;
    this.#exclude = exclude;
  }

  async run(): Promise<void> {
    const text = this.query.trim();
    const ask = ++this.#asked;
    this.answered = false;
    if (!text) {
      this.hits = [];
      return;
    }
    try {
      const kinds = this.#kinds?.();
      const result = await invoke('graph.search', {
        query: text,
        mode: 'lexical',
        limit: 8,
        ...(kinds ? { kinds } : {}),
      });
      if (ask !== this.#asked) return; // a newer keystroke is on its way
      const excluded = this.#exclude();
      this.hits = result.hits.map((h) => h.node).filter((n) => !excluded.includes(n.id));
      this.problem = null;
    } catch (err) {
      if (ask !== this.#asked) return;
      this.problem = err instanceof Error ? err.message : String(err);
    } finally {
      if (ask === this.#asked) this.answered = true;
    }
  }

  clear(): void {
    this.#asked++;
    this.hits = [];
    this.answered = false;
  }
}
