import { redactUrlCredentials } from './url-credentials.ts';

/**
 * Secrets must never reach logs, exports or error messages. Three nets: object keys that name a secret, any
 * registered secret value (or anything shaped like an API key) inside a string, and `user:password@` in URLs.
 */
const SECRET_KEY = /(api[-_]?key|token|password|secret|authorization|cookie)/i;
const KEY_SHAPED = /\b(sk-[A-Za-z0-9_-]{8,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,})/g;
export const REDACTED = '[redacted]';

export class Redactor {
  #values = new Set<string>();

  /** Remember a secret value (e.g. the configured API key) so it is scrubbed wherever it shows up. */
  addSecret(value: string | null | undefined): void {
    if (value && value.length >= 4) this.#values.add(value);
  }

  text(input: string): string {
    let out = redactUrlCredentials(input).replace(KEY_SHAPED, REDACTED);
    for (const value of this.#values) out = out.split(value).join(REDACTED);
    return out;
  }

  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (depth > 6 || input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) return input.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] =
        SECRET_KEY.test(key) && val !== null && val !== undefined ? REDACTED : this.value(val, depth + 1);
    }
    return out;
  }
}
