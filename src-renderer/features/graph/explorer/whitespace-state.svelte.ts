import type { WhiteSpace } from '../../../../src-main/contract/graph-explore.ts';
import { ApiError, invoke } from '../../../lib/api/client.ts';

/** The white-space map as last read (read on demand: it scans every challenge). */
class WhiteSpaceState {
  map = $state.raw<WhiteSpace | null>(null);
  loading = $state(false);
  problem = $state<string | null>(null);

  async load(limit = 20): Promise<void> {
    this.loading = true;
    try {
      this.map = await invoke('graph.whitespace', { limit });
      this.problem = null;
    } catch (err) {
      this.problem = err instanceof ApiError || err instanceof Error ? err.message : String(err);
    } finally {
      this.loading = false;
    }
  }
}

export const whiteSpace = new WhiteSpaceState();
