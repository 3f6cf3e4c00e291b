import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.ts';
import { hasUrlCredentials, redactUrlCredentials } from './url-credentials.ts';

describe('URL credential redaction', () => {
  it('redacts user:password in every URL of a text, whatever the scheme', () => {
    const text =
      'Neo4j is unreachable at neo4j+s://alice:hunter2@db.lab:7687, LLM at http://bob:pw%40x@10.0.0.2:8080/v1 ' +
      'and https://token@host/x; plain https://host/a@b stays';
    const out = redactUrlCredentials(text);
    expect(out).not.toMatch(/alice|hunter2|bob|pw%40x|token@/);
    expect(out).toContain('neo4j+s://[redacted]@db.lab:7687');
    expect(out).toContain('http://[redacted]@10.0.0.2:8080/v1');
    expect(out).toContain('https://[redacted]@host/x');
    expect(out).toContain('https://host/a@b');
  });

  it.each(['neo4j://u:p@h:7687', 'http://u@h'])('sees the credentials in %s', (url) => {
    expect(hasUrlCredentials(url)).toBe(true);
  });

  it.each(['http://h:1/v1', 'http://h/path@x'])('sees no credentials in %s', (url) => {
    expect(hasUrlCredentials(url)).toBe(false);
  });

  it('is applied by the Redactor, so logs never hold URL credentials', () => {
    const redactor = new Redactor();
    expect(redactor.value({ error: 'failed: bolt://neo:secretpw@127.0.0.1:7687' })).toEqual({
      error: 'failed: bolt://[redacted]@127.0.0.1:7687',
    });
  });
});
