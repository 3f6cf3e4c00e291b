/**
 * An error as log fields: code, message, details, the stack and its `cause` chain (to 5 levels), so a warning or
 * failure in motiv.log says why and where. The logger's redactor still runs over all of it.
 */
export function errorFields(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields: Record<string, unknown> = { name: err.name, message: err.message };
  const { code, details } = err as Error & { code?: unknown; details?: unknown };
  if (code !== undefined) fields['code'] = code;
  if (details !== undefined) fields['details'] = details;
  if (err.stack) fields['stack'] = err.stack;
  if (err.cause !== undefined && depth < 5) fields['cause'] = errorFields(err.cause, depth + 1);
  return fields;
}
