import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { classifyLlmError } from './errors.ts';
import { displayUrl, redact, Secret } from './secret.ts';

const KEY = 'sk-proj-ABCDEF0123456789';

describe('secrets stay secret', () => {
  it('Secret never prints its value', () => {
    const secret = new Secret(KEY);
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).not.toContain(KEY);
    expect(secret.reveal()).toBe(KEY);
    expect(new Secret('').isSet).toBe(false);
  });

  it('redact removes the key and key-shaped tokens', () => {
    expect(redact(`bad key ${KEY}!`, new Secret(KEY))).toBe('bad key [redacted]!');
    expect(redact('Incorrect API key provided: sk-abc***********wxyz.')).toBe(
      'Incorrect API key provided: [redacted]',
    );
    expect(redact('custom-token-123', new Secret('custom-token-123'))).toBe('[redacted]');
  });

  it('displayUrl drops credentials and query strings', () => {
    expect(displayUrl(`https://user:${KEY}@gw.example.com/v1/?key=${KEY}`)).toBe('https://gw.example.com/v1');
    expect(displayUrl('::')).toBe('(invalid URL)');
  });

  it('unknown errors carrying the key are redacted too', () => {
    const err = classifyLlmError(new Error(`socket closed while sending ${KEY}`), {
      baseUrl: 'http://localhost:1/v1',
      secret: new Secret(KEY),
    });
    expect(err.message).not.toContain(KEY);
  });
});
