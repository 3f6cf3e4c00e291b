import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { createUndoTokens } from './undo-token.ts';

const refusal = (open: () => unknown): AppError => {
  try {
    open();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('undo tokens', () => {
  it('give back the record they were issued for, on the store that issued them', () => {
    let store = 'embedded:/a';
    const tokens = createUndoTokens(() => store);
    const record = { node: { id: 'n1', name: 'Ünïcode "quotes"' }, edges: [] };
    const token = tokens.issue('delete', record);
    if (!token) throw new Error('a small record gets a token');
    expect(tokens.open('delete', token)).toEqual(record);

    expect(refusal(() => tokens.open('merge', token))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'undo' },
    });
    store = 'neo4j:bolt://lab';
    expect(refusal(() => tokens.open('delete', token)).message).toMatch(/another graph store/);
  });

  it('refuse a token another process issued, an edited one, garbage, and issue none past the size limit', () => {
    const tokens = createUndoTokens(() => 'embedded:/a');
    const token = tokens.issue('merge', { keepVersion: 2 }) ?? '';
    const elsewhere = createUndoTokens(() => 'embedded:/a');
    expect(refusal(() => elsewhere.open('merge', token)).code).toBe('VALIDATION');
    const [payload = '', mac = ''] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ kind: 'merge', store: 'embedded:/a', record: { keepVersion: 9 } }),
    );
    expect(refusal(() => tokens.open('merge', `${forged.toString('base64url')}.${mac}`)).code).toBe(
      'VALIDATION',
    );
    expect(refusal(() => tokens.open('merge', payload)).code).toBe('VALIDATION');
    expect(refusal(() => tokens.open('merge', '..')).code).toBe('VALIDATION');
    expect(tokens.issue('delete', { edges: 'x'.repeat(4_000_000) })).toBeNull();
  });
});
