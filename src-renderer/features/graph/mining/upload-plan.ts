/**
 * Which picked files can go to `papers.import`, and in which requests. Browser mode refuses request bodies over
 * 10 MB (src-main/server/read-body.ts) and base64 turns 3 bytes into 4 characters, so files are packed into
 * requests that stay under that, and a file that cannot fit in one request on its own is refused here, by name,
 * before anything is read or sent. The core checks the size again (and the paperImport.maxFileMb setting).
 */

/** Mirrors MAX_BODY_BYTES of the browser-mode server (the renderer may not import main-process code). */
export const REQUEST_BODY_LIMIT = 10 * 1024 * 1024;
/** Room for the JSON around the base64 strings (names, DOIs, field names). */
const JSON_OVERHEAD = 64 * 1024;

export const encodedSize = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/** The largest file one request can carry. */
export const MAX_UPLOAD_BYTES = Math.floor(((REQUEST_BODY_LIMIT - JSON_OVERHEAD) / 4) * 3);

export interface PickedFile {
  name: string;
  size: number;
}

export interface UploadPlan<F extends PickedFile> {
  batches: F[][];
  refused: Array<{ file: F; reason: string }>;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const ACCEPTED_EXTENSIONS = [
  '.bib',
  '.bibtex',
  '.ris',
  '.json',
  '.csljson',
  '.csv',
  '.tsv',
  '.txt',
  '.md',
  '.markdown',
  '.pdf',
];

export function planUploads<F extends PickedFile>(files: readonly F[], maxFileMb: number): UploadPlan<F> {
  const limit = Math.min(MAX_UPLOAD_BYTES, maxFileMb * 1024 * 1024);
  const plan: UploadPlan<F> = { batches: [], refused: [] };
  let batch: F[] = [];
  let batchSize = 0;
  for (const file of files) {
    if (file.size === 0) {
      plan.refused.push({ file, reason: `${file.name} is empty` });
      continue;
    }
    if (file.size > limit) {
      const why =
        limit === MAX_UPLOAD_BYTES
          ? `the app uploads files up to ${mb(limit)}`
          : `the limit is ${mb(limit)} (Settings: paperImport.maxFileMb)`;
      plan.refused.push({
        file,
        reason: `${file.name} is ${mb(file.size)}: ${why}. Import it from a terminal: npx motiv import "${file.name}"`,
      });
      continue;
    }
    const size = encodedSize(file.size);
    if (batch.length > 0 && batchSize + size > REQUEST_BODY_LIMIT - JSON_OVERHEAD) {
      plan.batches.push(batch);
      batch = [];
      batchSize = 0;
    }
    batch.push(file);
    batchSize += size;
  }
  if (batch.length > 0) plan.batches.push(batch);
  return plan;
}

/** Bytes → base64 in slices, so a large file does not blow the argument limit of String.fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}

/** "0.2 s", "3 min 5 s", "1 h 2 min": for the ETA. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatUsd(usd: number): string {
  return usd < 0.01 && usd > 0 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
