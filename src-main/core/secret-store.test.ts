import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { SECRETS_FILE, SECRETS_KEY_FILE, SecretStore } from './secret-store.ts';
import type { SecretEncryptor } from './secret-store.ts';

const tempDir = useTempDirs();
const KEY = 'sk-test-0123456789abcdefghij';

/**
 * Stands in for Electron's safeStorage (the OS keychain), which only exists inside the Electron shell: real
 * AES with a key the "OS" holds and the data directory does not.
 */
function osKeychain(): SecretEncryptor {
  const osKey = randomBytes(32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', osKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('secret store', () => {
  it('stores values encrypted, in 0600 files, and reads them back in a new process', () => {
    const dir = tempDir();
    const store = new SecretStore(dir);
    expect(store.protection).toBe('none');
    store.set('llm.apiKey', KEY);
    store.set('neo4j.password', 'hunter2-lab');
    expect(store.protection).toBe('key-file');
    const onDisk = readFileSync(join(dir, SECRETS_FILE), 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain('hunter2');
    if (process.platform !== 'win32') {
      expect(mode(join(dir, SECRETS_FILE))).toBe(0o600);
      expect(mode(join(dir, SECRETS_KEY_FILE))).toBe(0o600);
    }
    const reopened = new SecretStore(dir);
    expect(reopened.get('llm.apiKey')).toBe(KEY);
    expect(reopened.get('neo4j.password')).toBe('hunter2-lab');
    expect(reopened.storedNames()).toEqual(['llm.apiKey', 'neo4j.password']);
    reopened.clear('neo4j.password');
    expect(new SecretStore(dir).get('neo4j.password')).toBeNull();
    expect(new SecretStore(dir).get('llm.apiKey')).toBe(KEY);
  });

  it('refuses an altered value, or one moved to another name, instead of returning garbage', () => {
    const dir = tempDir();
    const store = new SecretStore(dir);
    store.set('llm.apiKey', KEY);
    store.set('neo4j.password', 'pw-1234');
    const file = join(dir, SECRETS_FILE);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    // The entry name is authenticated: the password's ciphertext cannot pose as the API key.
    data.entries['llm.apiKey'] = data.entries['neo4j.password'];
    writeFileSync(file, JSON.stringify(data));
    expect(() => new SecretStore(dir).get('llm.apiKey')).toThrow(
      /secrets\.json: entries\.llm\.apiKey: cannot be decrypted/,
    );
    expect(new SecretStore(dir).get('neo4j.password')).toBe('pw-1234');
  });

  it('tightens a key file whose permissions were loosened', () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    new SecretStore(dir).set('llm.apiKey', KEY);
    const keyFile = join(dir, SECRETS_KEY_FILE);
    chmodSync(keyFile, 0o644);
    expect(new SecretStore(dir).get('llm.apiKey')).toBe(KEY);
    expect(mode(keyFile)).toBe(0o600);
  });

  it('wraps the data key with the OS keychain when there is one; elsewhere the store is locked, not wrong', () => {
    const dir = tempDir();
    const keychain = osKeychain();
    const app = new SecretStore(dir, { encryptor: keychain });
    app.set('llm.apiKey', KEY);
    expect(app.protection).toBe('os');
    const keyFile = JSON.parse(readFileSync(join(dir, SECRETS_KEY_FILE), 'utf8')) as { protection: string };
    expect(keyFile.protection).toBe('os');
    expect(new SecretStore(dir, { encryptor: keychain }).get('llm.apiKey')).toBe(KEY);

    // The CLI has no keychain: it can tell a secret is stored, but cannot read it.
    const cli = new SecretStore(dir);
    expect(cli.locked).toBe(true);
    expect(cli.storedNames()).toEqual(['llm.apiKey']);
    expect(() => cli.get('llm.apiKey')).toThrow(/OS keychain.*MOTIV_LLM_API_KEY/);
    expect(() => cli.set('llm.apiKey', 'other')).toThrow(/cannot be read here/);
  });

  it('moves a key-file store under the OS keychain without losing what it holds', () => {
    const dir = tempDir();
    new SecretStore(dir).set('llm.apiKey', KEY);
    const keychain = osKeychain();
    const upgraded = new SecretStore(dir, { encryptor: keychain });
    expect(upgraded.protection).toBe('os');
    expect(upgraded.get('llm.apiKey')).toBe(KEY);
    const raw = readFileSync(join(dir, SECRETS_KEY_FILE), 'utf8');
    expect(JSON.parse(raw)).toMatchObject({ protection: 'os' });
    expect(new SecretStore(dir).locked).toBe(true);
  });

  it('still opens with a damaged key file, and says what is wrong and how to start over', () => {
    const dir = tempDir();
    new SecretStore(dir).set('llm.apiKey', KEY);
    writeFileSync(join(dir, SECRETS_KEY_FILE), '{"version":1,"protection":"key-file","key":"c2hvcnQ="}');
    const store = new SecretStore(dir);
    expect(store.problem).toMatch(/secrets\.key: key: must be 32 bytes\. To start over, delete/);
    expect(() => store.get('llm.apiKey')).toThrow(/must be 32 bytes/);
  });
});
