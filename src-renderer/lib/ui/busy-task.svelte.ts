import { errorText } from '../api/error-notice.ts';

/**
 * A button's request to the core: `running` while it runs (the button disables itself and says so), `error` with
 * what went wrong when it failed ('' otherwise; cleared when it runs again).
 */
export class BusyTask {
  running = $state(false);
  error = $state('');
  readonly #describe: (err: unknown) => string;

  /** `describe` turns a failure into the text shown (a section may prefix the core's error code). */
  constructor(describe: (err: unknown) => string = errorText) {
    this.#describe = describe;
  }

  async run(work: () => Promise<void>): Promise<void> {
    this.running = true;
    this.error = '';
    try {
      await work();
    } catch (err) {
      this.error = this.#describe(err);
    } finally {
      this.running = false;
    }
  }
}
