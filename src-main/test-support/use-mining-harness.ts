import { miningHarness } from './mining-harness.ts';
import type { MiningHarness } from './mining-harness.ts';
import { stopAfterEach } from './stop-after-each.ts';
import { useTempDirs } from './temp-dir.ts';

export interface MiningHarnessHooks {
  tempDir: () => string;
  startMiningHarness: (scenario: string, dataDir: string) => Promise<MiningHarness>;
}

/**
 * For a mining test file (call at its top level): temp dirs and harnesses that are removed and stopped after each
 * test. Kept apart from mining-harness.ts, which the crash child imports outside vitest.
 */
export function useMiningHarness(): MiningHarnessHooks {
  return { tempDir: useTempDirs(), startMiningHarness: stopAfterEach(miningHarness) };
}
