import { describe, expect, it } from 'vitest';
import { PROTOCOL_PRESETS, ProtocolPlanSchema } from '../contract/protocol.ts';
import { estimateProtocol, pairsPerTournament } from './protocol-estimate.ts';

const plan = ProtocolPlanSchema.parse({
  topics: ['a', 'b', 'c'],
  settings: [PROTOCOL_PRESETS.full, PROTOCOL_PRESETS.neither],
  ideasPerTopic: 3,
  seeds: [1, 2],
  rounds: 4,
});
const MODELS = { researcher: 'res-model', mentor: 'men-model', judge: 'judge-model' };
const prices = {
  'res-model': { inputPerMTok: 1, outputPerMTok: 2 },
  'men-model': { inputPerMTok: 1, outputPerMTok: 2 },
  'judge-model': { inputPerMTok: 3, outputPerMTok: 6 },
};

describe('protocol cost estimate', () => {
  it('counts judge calls exactly and splits them over the settings', () => {
    const estimate = estimateProtocol(plan, MODELS, prices, 5);
    // 3 topics × 6 ideas: 18 direct scores; per topic and seed 4 rounds × 3 pairs × 2 orders.
    expect(pairsPerTournament(6, 4)).toBe(12);
    expect(estimate.judgeCalls).toBe(18 + 3 * 2 * 12 * 2);
    expect(estimate.sessions).toBe(6);
    expect(estimate.perSetting.map((s) => [s.setting, s.sessions, s.judgeCalls])).toEqual([
      ['full', 3, 9 + 72],
      ['neither', 3, 9 + 72],
    ]);
    // No mentor and no graph: fewer ideation calls than the full setting.
    const [full, neither] = estimate.perSetting;
    expect(neither?.ideationCalls).toBeLessThan(full?.ideationCalls ?? 0);
    expect(estimate.costUsd).toBeCloseTo((full?.costUsd ?? 0) + (neither?.costUsd ?? 0), 12);
    expect(estimate.tokens).toBe((full?.tokens ?? 0) + (neither?.tokens ?? 0));
    expect(estimate.unpricedModels).toEqual([]);
    expect(estimate.basis).toContain('not a quote');
  });

  it("says the cost is unknown (null) when a setting's model has no price, naming it", () => {
    const other = ProtocolPlanSchema.parse({
      ...plan,
      settings: [{ ...PROTOCOL_PRESETS.full, model: 'mystery' }],
    });
    const estimate = estimateProtocol(other, MODELS, prices, 5);
    expect(estimate).toMatchObject({ costUsd: null, unpricedModels: ['mystery'] });
    expect(estimate.perSetting[0]?.costUsd).toBeNull();
  });

  it('refuses repeated topics, setting names or seeds, and hostile setting names', () => {
    const issues = (input: object) =>
      ProtocolPlanSchema.safeParse({ ...plan, ...input }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ topics: ['a', 'A'] })).toEqual(['topics']);
    expect(issues({ settings: [PROTOCOL_PRESETS.full, PROTOCOL_PRESETS.full] })).toEqual(['settings']);
    expect(issues({ seeds: [1, 1] })).toEqual(['seeds']);
    expect(issues({ settings: [{ name: '=cmd()', graph: true, mentor: true }] })).toEqual([
      'settings.0.name',
    ]);
    expect(issues({ ideasPerTopic: 0 })).toEqual(['ideasPerTopic']);
  });
});
