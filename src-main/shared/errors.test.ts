import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorCodeSchema } from '../contract/errors.ts';
import { AppError } from './errors.ts';

// The checks that matter here run in `tsc`: each @ts-expect-error fails the typecheck if the line compiles.
describe('AppError codes are a closed union', () => {
  it('refuses a code outside the union, and details of the wrong shape', () => {
    // @ts-expect-error: the old spelling; the code is LLM_NOT_CONFIGURED
    const stray = new AppError('LLM_CONFIG', 'no endpoint');
    expect(ErrorCodeSchema.safeParse(stray.code).success).toBe(false);
    // @ts-expect-error: an import error names its file
    const noFile = new AppError('IMPORT_EMPTY_FILE', 'empty', { line: 1 });
    expect(noFile.details).toEqual({ line: 1 });
    const ok = new AppError('VALIDATION', 'bad', { field: 'llm.baseUrl', file: 'settings.json', line: 3 });
    expect(ok.toBody()).toEqual({
      code: 'VALIDATION',
      message: 'bad',
      details: { field: 'llm.baseUrl', file: 'settings.json', line: 3 },
    });
  });

  it('round-trips a reply body, and lists each code once', () => {
    const body = new AppError('CONFLICT', 'stale', { current: { revision: 2 } }).toBody();
    expect(AppError.fromBody(body)).toMatchObject({
      code: 'CONFLICT',
      details: { current: { revision: 2 } },
    });
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toContain('LLM_NOT_CONFIGURED');
  });
});
