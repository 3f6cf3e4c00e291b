import { AppError } from '../shared/errors.ts';

/** The AppError a synchronous call throws, for asserting its code and details; anything else fails the test. */
export function thrownAppError(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
