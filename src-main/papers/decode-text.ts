import { isUtf8 } from 'node:buffer';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';

/**
 * Bytes → text for the text formats. Accepted: UTF-8 (with or without a BOM) and UTF-16 with a BOM. Anything
 * else is refused with the line of the first bad byte, rather than read as mojibake that would then be stored.
 */

// A NUL byte in text is a sign of a binary file (or UTF-16 without a BOM, which cannot be told apart reliably).
const SNIFF_BYTES = 8_192;

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    // a sequence cut off by the end of the file
    if (i + need >= bytes.length) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid UTF-8
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

const lineAt = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3), file, 3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
    if (nul >= 0) {
      throw importError(
        IMPORT_ERROR_CODES.notText,
        `${file} is not a text file (a NUL byte at byte ${nul}); UTF-16 text needs a byte-order mark`,
        { file, byte: nul },
      );
    }
    text = decodeUtf8(bytes, file, 0);
  }
  if (text.trim() === '') {
    throw importError(IMPORT_ERROR_CODES.empty, `${file} has no content`, { file });
  }
  // one line-ending convention for every parser and every line number
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function decodeUtf8(bytes: Uint8Array, file: string, skipped: number): string {
  // the native check first; the byte-by-byte scan only runs to find where a bad file goes wrong
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const line = lineAt(bytes, bad);
    throw importError(
      IMPORT_ERROR_CODES.encoding,
      `${file}:${line}: not valid UTF-8 (byte ${bad + skipped} is 0x${bytes[bad]!.toString(16).padStart(2, '0')}); save the file as UTF-8 or UTF-16 with a byte-order mark`,
      { file, line, byte: bad + skipped },
    );
  }
  return new TextDecoder('utf-8').decode(bytes);
}
