import type { AtlasMapEvent, AtlasMapResult } from '../../../src-main/contract/index.ts';
import { invoke, onEvent } from '../../lib/api/client.ts';
import { errorText } from '../../lib/api/error-notice.ts';

const ACTIVE: ReadonlySet<AtlasMapEvent['state']> = new Set(['embedding', 'writing']);

/**
 * The Methods section's "Map onto the graph" panel: a preview (`atlas.mapOntoGraph` with apply false: the method
 * → challenge matches with scores, nothing written), then apply (proposed Solution nodes and SOLVED_BY edges),
 * progress from `atlas.mapEvent`, cancel. Runs in the core, offline (local MiniLM).
 */
export class MapOntoGraphState {
  result = $state<AtlasMapResult | null>(null);
  progress = $state<AtlasMapEvent | null>(null);
  error = $state('');
  busy = $state<'preview' | 'apply' | null>(null);

  get running(): boolean {
    return this.busy !== null;
  }

  /** Pairs the last run found, and how many of them a run would still write. */
  get counts(): { pairs: number; newPairs: number; newNodes: number } {
    const methods = this.result?.plan.methods ?? [];
    const matches = methods.flatMap((m) => m.matches);
    return {
      pairs: matches.length,
      newPairs: matches.filter((x) => x.status === 'new').length,
      newNodes: methods.filter((m) => m.status === 'new').length,
    };
  }

  async run(apply: boolean): Promise<void> {
    this.busy = apply ? 'apply' : 'preview';
    this.error = '';
    this.progress = null;
    try {
      this.result = await invoke('atlas.mapOntoGraph', { apply });
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = null;
    }
  }

  async cancel(): Promise<void> {
    try {
      await invoke('atlas.mapCancel', {});
    } catch (err) {
      this.error = errorText(err);
    }
  }

  /** Progress events (also of a run another window started); returns the unsubscribe. */
  follow(): () => void {
    return onEvent('atlas.mapEvent', (event) => {
      this.progress = ACTIVE.has(event.state) ? event : null;
    });
  }
}
