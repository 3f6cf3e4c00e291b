import { describe, expect, it } from 'vitest';
import { IdeatorOptionsSchema } from '../contract/ideator.ts';
import { SessionOptionsSchema } from './session-config.ts';

describe('session options', () => {
  it('the contract and the ideator check every user option with one and the same schema', () => {
    const contract = IdeatorOptionsSchema.shape;
    const engine: Record<string, unknown> = SessionOptionsSchema.shape;
    for (const [key, schema] of Object.entries(contract)) expect(engine[key], key).toBe(schema);
  });

  it('both refuse the same out-of-range choice and an unknown key', () => {
    for (const bad of [
      { maxRounds: 21 },
      { promptBudgetTokens: 999 },
      { literature: 'abstracts' },
      { extra: 1 },
    ]) {
      expect(IdeatorOptionsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(SessionOptionsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
