import type { ErrorCode } from '../../../src-main/contract/index.ts';
import { ApiError } from './client.ts';

/** What went wrong, as text for the screen: the core's message for its errors, any other fault's own. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether the core refused with this code (e.g. CONFLICT, LLM_NOT_CONFIGURED); other faults never match. */
export function hasErrorCode(err: unknown, code: ErrorCode): boolean {
  return err instanceof ApiError && err.code === code;
}
