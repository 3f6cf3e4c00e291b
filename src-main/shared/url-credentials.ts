/**
 * Credentials inside URLs (`scheme://user:password@host`) must never be printed: not by doctor, not in error
 * messages, not in logs. One rule for all of them, used by the logger's Redactor, doctor, config display and
 * the stores' error messages.
 */
export const URL_CREDENTIALS_REDACTED = '[redacted]';

// scheme://userinfo@ — userinfo has no '/', '@' or whitespace; the scheme is RFC 3986's.
const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** Every URL inside free text with its `user:password@` replaced by `[redacted]@`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(USERINFO_IN_TEXT, `$1${URL_CREDENTIALS_REDACTED}@`);
}

/** True when the URL carries a user name or password. */
export function hasUrlCredentials(url: string): boolean {
  USERINFO_IN_TEXT.lastIndex = 0;
  const found = USERINFO_IN_TEXT.test(url);
  USERINFO_IN_TEXT.lastIndex = 0;
  return found;
}
