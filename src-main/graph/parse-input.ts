import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { describeIssues, fieldIssues } from '../shared/zod-issues.ts';

/** Parse a port input; a failure is VALIDATION with `details.field` (first bad path) and every issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error);
  throw new AppError('VALIDATION', `Invalid ${what}: ${describeIssues(issues)}`, {
    field: issues[0]?.path,
    issues,
  });
}
