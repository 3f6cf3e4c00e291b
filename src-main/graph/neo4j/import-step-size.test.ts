import { describe, expect, it } from 'vitest';
import * as StepSize from './import-step-size.ts';

const { LARGE_STEP_BYTES, SMALL_STEP_BYTES, parseByteSetting, stagingStepBytes, stepBytesFor } = StepSize;

describe('staging step size from the server per-transaction limit', () => {
  it('reads the setting as the server writes it', () => {
    expect(parseByteSetting('0B')).toBe(0);
    expect(parseByteSetting('16.00MiB')).toBe(16 * 1024 ** 2);
    expect(parseByteSetting('16m')).toBe(16 * 1024 ** 2);
    expect(parseByteSetting('16777216')).toBe(16 * 1024 ** 2);
    expect(parseByteSetting('1GiB')).toBe(1024 ** 3);
    expect(parseByteSetting('lots')).toBeNull();
  });

  it('large steps without a limit, 1/32 of a limit (512 KB under 16 MB), small when unknown', () => {
    expect(stepBytesFor(0)).toBe(LARGE_STEP_BYTES);
    expect(stepBytesFor(16 * 1024 ** 2)).toBe(SMALL_STEP_BYTES);
    expect(stepBytesFor(1024 ** 3)).toBe(LARGE_STEP_BYTES);
    expect(stepBytesFor(null)).toBe(SMALL_STEP_BYTES);
  });

  it('a server that refuses to list its settings gets the small size', async () => {
    const refusing = (): Promise<never> => Promise.reject(new Error('Permission denied'));
    expect(await stagingStepBytes(refusing)).toBe(SMALL_STEP_BYTES);
    expect(await stagingStepBytes(undefined)).toBe(SMALL_STEP_BYTES);
  });
});
