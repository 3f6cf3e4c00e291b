import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { decodeText, firstInvalidUtf8 } from './decode-text.ts';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, and turns CRLF into LF', () => {
    expect(decodeText(bytes('Caf\u00e9\r\nline 2'), 'a.txt')).toBe('Caf\u00e9\nline 2');
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'T\u00eatu'), 'a.txt')).toBe('T\u00eatu');
  });

  it('reads UTF-16 little- and big-endian with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Na\u00efve', 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(le, 'a.bib')).toBe('Na\u00efve');
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'a.bib')).toBe('Na\u00efve');
  });

  it('refuses invalid UTF-8 with the line and byte of the first bad byte', () => {
    const err = thrownAppError(() => decodeText(bytes('ok\nalso ok\nCaf', [0xe9], ' latin-1\n'), 'refs.bib'));
    expect(err.code).toBe('IMPORT_BAD_ENCODING');
    expect(err.details).toEqual({ file: 'refs.bib', line: 3, byte: 14 });
    expect(err.message).toMatch(/^refs\.bib:3: not valid UTF-8/);
  });

  it('refuses binary content and empty text', () => {
    expect(thrownAppError(() => decodeText(bytes([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'x.bib')).code).toBe(
      'IMPORT_NOT_TEXT',
    );
    expect(thrownAppError(() => decodeText(bytes('  \n\t\n'), 'x.txt')).code).toBe('IMPORT_EMPTY_FILE');
  });

  it('finds overlong forms, surrogates and cut-off sequences', () => {
    expect(firstInvalidUtf8(bytes('abc'))).toBe(-1);
    expect(firstInvalidUtf8(bytes('\u20ac\u{1f600}'))).toBe(-1);
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80]))).toBe(2); // UTF-16 surrogate
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3); // cut off at the end
  });
});
