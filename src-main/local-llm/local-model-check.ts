import { freemem } from 'node:os';
import type { LocalModelCheck } from '../contract/llm.ts';
import { AppError } from '../shared/errors.ts';
import { checkGgufFile } from './gguf-file.ts';
import { readGgufHeader } from './gguf-header.ts';

const REASONS = ['model-file-missing', 'not-gguf', 'model-too-large'] as const;
type Reason = (typeof REASONS)[number];
const isReason = (value: unknown): value is Reason => REASONS.includes(value as Reason);

/**
 * Settings' check of a picked model file, with the rules the engine applies before loading (gguf-file.ts): a
 * failed rule is an answer with its reason and message, not an error, so the form can show it beside the field.
 * Nothing is loaded: only the file's first bytes are read.
 */
export function checkLocalModel(path: string, freeBytes: number = freemem()): LocalModelCheck {
  try {
    const { bytes } = checkGgufFile(path, { freeBytes });
    const header = readGgufHeader(path);
    return { ok: true, path, bytes, freeBytes, ...header };
  } catch (err) {
    const reason = err instanceof AppError ? (err.details as { reason?: unknown } | undefined)?.reason : null;
    if (!(err instanceof AppError) || !isReason(reason)) throw err;
    return { ok: false, path, reason, message: err.message };
  }
}
