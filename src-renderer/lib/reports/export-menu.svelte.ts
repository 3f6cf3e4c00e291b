import type { ExportFormat } from '../../../src-main/contract/reports.ts';
import { ApiError, invoke } from '../api/client.ts';
import { saveBlob } from '../save-file.ts';
import { exportBlob } from './export-file.ts';

/**
 * One Export menu's state: open or closed, the format being exported (one at a time), and the last failure.
 * The file comes from `ideas.export` (the same report as `motiv export`) and goes to the browser's download.
 */
export class ExportMenuState {
  open = $state(false);
  busy = $state<ExportFormat | null>(null);
  error = $state<string | null>(null);

  async export(ideaIds: readonly string[], format: ExportFormat): Promise<void> {
    if (this.busy || ideaIds.length === 0) return;
    this.busy = format;
    this.error = null;
    try {
      const file = await invoke('ideas.export', { ideaIds: [...ideaIds], format });
      saveBlob(file.fileName, exportBlob(file));
      this.open = false;
    } catch (err) {
      this.error = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
    } finally {
      this.busy = null;
    }
  }
}
