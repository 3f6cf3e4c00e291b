import { describe, expect, it } from 'vitest';
import { escapeLucene, searchTerms, toLuceneQuery } from './lucene.ts';

describe('Lucene query building', () => {
  it('escapes every Lucene special character', () => {
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\\o/p')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^i\\"j\\~k\\*l\\?m\\:n\\\\o\\/p',
    );
  });

  it('turns user text into quoted words only: operators, fields and wildcards are plain words', () => {
    const query = toLuceneQuery('name:foo* AND (bar OR "baz") NOT qux~2');
    expect(searchTerms('name:foo* AND (bar OR "baz") NOT qux~2')).toEqual([
      'name',
      'foo',
      'and',
      'bar',
      'or',
      'baz',
      'not',
      'qux',
      '2',
    ]);
    expect(query).toBe(
      ['name', 'aliases', 'description']
        .map(
          (field, i) =>
            `${field}:("name" OR "foo" OR "and" OR "bar" OR "or" OR "baz" OR "not" OR "qux" OR "2")^${[10, 5, 1][i]}`,
        )
        .join(' OR '),
    );
  });

  it('keeps Unicode words and gives null when nothing is searchable', () => {
    expect(searchTerms('Größe — 学习 `rm -rf`')).toEqual(['größe', '学习', 'rm', 'rf']);
    expect(toLuceneQuery('  ?*: "" ')).toBeNull();
  });
});
