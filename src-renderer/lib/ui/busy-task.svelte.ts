import { errorText } from '../api/error-notice.ts';

/**
 * A button's request to the core: `running` while it runs (the button disables itself and says so), `error` with
 * what went wrong when it failed ('' otherwise; cleared when it runs again).
 */
export class BusyTask {
  running = $state(false);
  error = $state('');

  async run(work: () => Promise<void>): Promise<void> {
    this.running = true;
    this.error = '';
    try {
      await work();
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.running = false;
    }
  }
}
