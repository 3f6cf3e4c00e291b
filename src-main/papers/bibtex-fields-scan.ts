/**
 * A small, lenient scan of one BibTeX entry's fields, without recursion and without expanding anything, so
 * hostile input can be judged before citation-js (which recurses on nested braces and expands `@string`
 * macros into one string) ever sees it.
 */

export interface ScannedField {
  /** Field name, lower case (for `@string{name = …}`, the macro's name). */
  field: string;
  /** 0-based line of the `=`, within the scanned text. */
  line: number;
  /** Characters of literal text in the value (braces and quotes not counted). */
  literalChars: number;
  /** Macro names the value refers to (`title = jpr # " 2020"`), lower case. */
  macros: string[];
  /** The literal text, first 200 characters (enough for a crossref key). */
  literal: string;
  /** Deepest brace nesting inside the value, and the 0-based line where `maxDepth` was first passed. */
  depth: number;
  tooDeepAt: number | null;
}

const IDENTIFIER = /[^\s"#%'(),={}]/u;

function emptyField(field: string, line: number): ScannedField {
  return { field, line, literalChars: 0, macros: [], literal: '', depth: 0, tooDeepAt: null };
}

export function scanFields(text: string, maxDepth: number): ScannedField[] {
  const open = text.search(/[{(]/u);
  if (open === -1) return [];
  let i = open + 1;
  let line = 0;
  for (let k = 0; k < open; k++) if (text[k] === '\n') line++;
  const fields: ScannedField[] = [];
  const n = text.length;

  const skipSpace = (): void => {
    while (i < n && /\s/u.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const readIdentifier = (): string => {
    const start = i;
    while (i < n && IDENTIFIER.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  /** From an opening `{` or `"` to its end, counting depth; literal text goes to `field`. */
  const readDelimited = (field: ScannedField | null, quote: boolean): void => {
    let depth = 0;
    if (quote) i++;
    for (; i < n; i++) {
      const c = text[i]!;
      if (c === '\n') line++;
      if (c === '{') {
        depth++;
        if (field && depth > field.depth) field.depth = depth;
        if (field && depth > maxDepth && field.tooDeepAt === null) field.tooDeepAt = line;
        continue;
      }
      if (c === '}') {
        depth--;
        if (depth === 0 && !quote) {
          i++;
          return;
        }
        if (depth < 0) return; // a stray `}` closes the entry
        continue;
      }
      if (quote && c === '"' && depth === 0) {
        i++;
        return;
      }
      if (field) {
        field.literalChars++;
        if (field.literal.length < 200) field.literal += c;
      }
    }
  };

  while (i < n) {
    skipSpace();
    const c = text[i];
    if (c === undefined || c === '}' || c === ')') break;
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '{' || c === '"') {
      // a value with no field name in front of it: still measured, as the entry's
      const stray = emptyField('entry', line);
      readDelimited(stray, c === '"');
      if (stray.tooDeepAt !== null) fields.push(stray);
      continue;
    }
    const name = readIdentifier();
    if (name === '') {
      i++;
      continue;
    }
    skipSpace();
    if (text[i] !== '=') continue; // the entry's key
    i++;
    const field = emptyField(name.toLowerCase(), line);
    for (;;) {
      skipSpace();
      const v = text[i];
      if (v === '{' || v === '"') readDelimited(field, v === '"');
      else if (v !== undefined && /[0-9]/u.test(v)) {
        const digits = readIdentifier();
        field.literalChars += digits.length;
        field.literal += digits;
      } else if (v !== undefined && IDENTIFIER.test(v)) field.macros.push(readIdentifier().toLowerCase());
      else break;
      skipSpace();
      if (text[i] !== '#') break;
      i++;
    }
    fields.push(field);
  }
  return fields;
}
