/**
 * An API key that cannot leak by accident: printing, logging or JSON-encoding it shows `[redacted]`. Only the
 * client factory calls `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isSet(): boolean {
    return this.#value.length > 0;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([redacted])';
  }
}

// Shapes of provider keys (OpenAI `sk-…`, OpenRouter `sk-or-…`, bearer tokens) that error bodies tend to echo.
const KEY_LIKE = /\b(sk|rk|pk)-[A-Za-z0-9_\-*.]{6,}/g;

/** Remove the key (and anything that looks like a key) from text that may reach the user, logs or errors. */
export function redact(text: string, secret?: Secret): string {
  let out = text;
  const value = secret?.reveal();
  if (value && value.length >= 4) out = out.split(value).join('[redacted]');
  return out.replace(KEY_LIKE, '[redacted]');
}

/** A base URL fit for messages: no `user:password@` and no query string (some gateways put keys there). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
