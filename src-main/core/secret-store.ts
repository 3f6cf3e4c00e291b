import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SECRET_NAMES, type SecretName } from '../contract/secrets.ts';
import { writeFileAtomic } from '../shared/atomic-write.ts';
import { AppError } from '../shared/errors.ts';

/**
 * API keys and the Neo4j password, encrypted at rest in the data directory, readable only by the main process.
 *
 * Each value is sealed with AES-256-GCM under one random 256-bit data key (`secrets.json`; the entry's name is
 * the additional authenticated data, so a value cannot be moved to another name). The data key lives in
 * `secrets.key`:
 * - `os`: wrapped by the OS keychain through Electron `safeStorage` (Keychain on macOS, DPAPI on Windows,
 *   libsecret/kwallet on Linux). A copy of the data directory alone does not reveal the secrets.
 * - `key-file`: outside Electron, or where safeStorage has no real keychain, the raw key is stored in a 0600
 *   file next to the secrets. Be honest about what that buys: it keeps secrets out of `settings.json`, logs,
 *   casual `cat`/grep and synced settings, and out of a backup that skips `secrets.key`. It does NOT protect
 *   against anyone who can read your files as you (malware, an admin, a full backup): they have both halves.
 *   Prefer environment variables (MOTIV_LLM_API_KEY, MOTIV_NEO4J_PASSWORD) on shared machines.
 * A key file found when the OS keychain is available is re-wrapped with it (the data key is unchanged), after
 * which the CLI, which has no keychain, cannot read the store ("locked") and uses environment variables.
 */

export interface SecretEncryptor {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export const SECRETS_FILE = 'secrets.json';
export const SECRETS_KEY_FILE = 'secrets.key';

const Sealed = z.object({ iv: z.base64(), tag: z.base64(), data: z.base64() }).strict();
const SecretsFile = z
  .object({
    version: z.literal(1),
    entries: z.record(z.string(), Sealed),
    /** The endpoint origin each key was set or confirmed for (see core/llm-key-binding.ts). */
    origins: z.record(z.string(), z.string()).optional(),
  })
  .strict();
const KeyFile = z
  .object({ version: z.literal(1), protection: z.enum(['os', 'key-file']), key: z.base64() })
  .strict();

type SecretsFileData = z.infer<typeof SecretsFile>;
type KeyFileData = z.infer<typeof KeyFile>;

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('SECRETS_CORRUPT', `${file}: not readable JSON (${reason})`, { file });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(root)';
    throw new AppError('SECRETS_CORRUPT', `${file}: ${field}: ${issue?.message ?? 'invalid'}`, {
      file,
      field,
    });
  }
  return parsed.data;
}

export class SecretStore {
  readonly file: string;
  readonly keyFile: string;
  readonly #encryptor: SecretEncryptor | undefined;
  /** The unwrapped data key; null until one exists; 'locked' when it is OS-wrapped and we have no OS access. */
  #key: Buffer | null | 'locked' = null;
  #protection: 'os' | 'key-file' | 'none' = 'none';
  /** A key file that cannot be used: reported by status, thrown by get/set, but the app still starts. */
  #problem: AppError | null = null;

  constructor(dataDir: string, options: { encryptor?: SecretEncryptor | undefined } = {}) {
    this.file = join(dataDir, SECRETS_FILE);
    this.keyFile = join(dataDir, SECRETS_KEY_FILE);
    this.#encryptor = options.encryptor;
    try {
      this.#loadKey();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.#key = null;
      this.#problem = new AppError(
        err.code,
        `${err.message}. To start over, delete ${this.keyFile} and ${this.file}, then set the secrets again.`,
        err.details,
      );
    }
  }

  /** Why the store cannot be used, or null. */
  get problem(): string | null {
    return this.#problem?.message ?? null;
  }

  get protection(): 'os' | 'key-file' | 'none' {
    return this.#protection;
  }

  get locked(): boolean {
    return this.#key === 'locked';
  }

  #loadKey(): void {
    if (!existsSync(this.keyFile)) return;
    const stored = readJson(this.keyFile, KeyFile);
    this.#protection = stored.protection;
    const wrapped = Buffer.from(stored.key, 'base64');
    if (stored.protection === 'os') {
      if (!this.#encryptor) {
        this.#key = 'locked';
        return;
      }
      try {
        this.#key = Buffer.from(this.#encryptor.decrypt(wrapped), 'base64');
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new AppError('SECRETS_LOCKED', `${this.keyFile}: the OS keychain refused the key (${reason})`, {
          file: this.keyFile,
        });
      }
    } else {
      // Tighten a key file whose mode was loosened (copied, restored from a backup).
      if (process.platform !== 'win32' && (statSync(this.keyFile).mode & 0o077) !== 0)
        chmodSync(this.keyFile, 0o600);
      this.#key = wrapped;
      if (this.#encryptor) this.#writeKey(wrapped); // upgrade: same data key, now wrapped by the OS
    }
    if (this.#key.length !== 32) {
      throw new AppError('SECRETS_CORRUPT', `${this.keyFile}: key: must be 32 bytes`, {
        file: this.keyFile,
        field: 'key',
      });
    }
  }

  #writeKey(key: Buffer): void {
    const data: KeyFileData = this.#encryptor
      ? {
          version: 1,
          protection: 'os',
          key: this.#encryptor.encrypt(key.toString('base64')).toString('base64'),
        }
      : { version: 1, protection: 'key-file', key: key.toString('base64') };
    writeFileAtomic(this.keyFile, `${JSON.stringify(data)}\n`, 0o600);
    this.#protection = data.protection;
  }

  #unlocked(): Buffer {
    if (this.#problem) throw this.#problem;
    if (this.#key === 'locked') {
      throw new AppError(
        'SECRETS_LOCKED',
        'The stored secrets are protected by the desktop app’s OS keychain and cannot be read here; set ' +
          'MOTIV_LLM_API_KEY / MOTIV_NEO4J_PASSWORD in the environment instead.',
        { file: this.keyFile },
      );
    }
    if (this.#key === null) {
      // First secret ever: the key file is written before any value is sealed with it.
      const key = randomBytes(32);
      this.#writeKey(key);
      this.#key = key;
    }
    return this.#key;
  }

  #read(): SecretsFileData {
    return existsSync(this.file) ? readJson(this.file, SecretsFile) : { version: 1, entries: {} };
  }

  #entries(): SecretsFileData['entries'] {
    return this.#read().entries;
  }

  #write(data: SecretsFileData): void {
    const origins = data.origins && Object.keys(data.origins).length > 0 ? data.origins : undefined;
    const out: SecretsFileData = { version: 1, entries: data.entries, ...(origins ? { origins } : {}) };
    writeFileAtomic(this.file, `${JSON.stringify(out, null, 2)}\n`, 0o600);
  }

  /** The endpoint origin a stored value was set or confirmed for, or null (none recorded). */
  boundOrigin(name: SecretName): string | null {
    return this.#read().origins?.[name] ?? null;
  }

  /** Records that the user confirmed sending the stored value to `origin`. */
  bindOrigin(name: SecretName, origin: string): void {
    const data = this.#read();
    if (!Object.hasOwn(data.entries, name)) {
      throw new AppError('NOT_FOUND', `${name}: nothing stored to confirm an endpoint for`, { field: name });
    }
    this.#write({ ...data, origins: { ...data.origins, [name]: origin } });
  }

  /** Which names have a stored value (readable without the key). */
  storedNames(): SecretName[] {
    const entries = this.#entries();
    return SECRET_NAMES.filter((name) => Object.hasOwn(entries, name));
  }

  /** The stored value, or null. Throws SECRETS_LOCKED / SECRETS_CORRUPT rather than return a wrong value. */
  get(name: SecretName): string | null {
    const sealed = this.#entries()[name];
    if (!sealed) return null;
    const key = this.#unlocked();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new AppError(
        'SECRETS_CORRUPT',
        `${this.file}: entries.${name}: cannot be decrypted (altered, or sealed with another key); set it again`,
        { file: this.file, field: `entries.${name}` },
      );
    }
  }

  /** Stores a value; `origin` is the endpoint it is for (null: not bound to one, or not known). */
  set(name: SecretName, value: string, origin: string | null = null): void {
    if (!value) throw new AppError('VALIDATION', `${name}: must not be empty`, { field: name });
    const key = this.#unlocked();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const file = this.#read();
    file.entries[name] = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const origins = { ...file.origins };
    if (origin) origins[name] = origin;
    else delete origins[name];
    this.#write({ ...file, origins });
  }

  clear(name: SecretName): void {
    const file = this.#read();
    if (!Object.hasOwn(file.entries, name)) return;
    delete file.entries[name];
    const origins = { ...file.origins };
    delete origins[name];
    this.#write({ ...file, origins });
  }
}
