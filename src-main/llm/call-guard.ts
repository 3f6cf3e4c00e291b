import type { AbortCause } from './errors.ts';

/**
 * One attempt's abort signal, fired by whichever comes first: the caller's signal, the per-call deadline, or the
 * idle timer (no bytes for `idleTimeoutMs`; `touch()` on every chunk). Knowing the cause lets us report
 * CANCELLED vs LLM_TIMEOUT, since the `openai` client reports all three as the same abort.
 */
export class CallGuard {
  readonly signal: AbortSignal;
  #cause: AbortCause = null;
  readonly #controller = new AbortController();
  readonly #idleTimeoutMs: number | undefined;
  readonly #userSignal: AbortSignal | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #onUserAbort = () => this.#fire('user');

  constructor(options: {
    signal?: AbortSignal | undefined;
    timeoutMs: number;
    idleTimeoutMs?: number | undefined;
  }) {
    this.signal = this.#controller.signal;
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#userSignal = options.signal;
    if (options.signal?.aborted) {
      this.#fire('user');
      return;
    }
    options.signal?.addEventListener('abort', this.#onUserAbort, { once: true });
    this.#deadline = setTimeout(() => this.#fire('deadline'), options.timeoutMs);
    this.touch();
  }

  get cause(): AbortCause {
    return this.#cause;
  }

  /** Data arrived: restart the idle timer. */
  touch(): void {
    if (this.#idleTimeoutMs === undefined || this.#cause !== null) return;
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#fire('idle'), this.#idleTimeoutMs);
  }

  dispose(): void {
    clearTimeout(this.#deadline);
    clearTimeout(this.#idle);
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  #fire(cause: Exclude<AbortCause, null>): void {
    if (this.#cause !== null) return;
    this.#cause = cause;
    this.dispose();
    this.#controller.abort(new Error(`LLM call aborted: ${cause}`));
  }
}
