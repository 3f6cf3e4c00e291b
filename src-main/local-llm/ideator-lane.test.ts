import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ideateCommand } from '../cli/commands/ideate.ts';
import type { IdeatorEventPayload } from '../contract/ideator.ts';
import { createCore } from '../core/create-core.ts';
import { SettingsStore } from '../core/settings-store.ts';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { OFFLINE_LITERATURE_ENV, recordingIo } from '../test-support/cli-io.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { seedGraph } from '../test-support/ideator-harness.ts';
import { useLocalModel } from '../test-support/local-model.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

/**
 * The real-model lane's ideator: a whole session on SmolLM2-135M through the built-in engine (one thread), started
 * the way the app starts it (`ideator.start` through dispatch, and `motiv ideate`), with a small round limit. The
 * token cap (MOTIV_LLM_MAX_TOKENS) holds for every call, and the idea's grammar is fitted to it, so the draft
 * closes its JSON instead of being cut mid-string (before: LLM_BAD_OUTPUT after its repairs). The model's ideas
 * are nonsense; the test proves the plumbing, never the quality.
 */

const { path } = useLocalModel();
const tempDir = useTempDirs();
const open = useOpenCore();

const CAP = 400;
const LANE_TIMEOUT_MS = 180_000;
const ENDINGS = ['accepted', 'rejected', 'round_limit'];

/**
 * Session options sized for a 135M model on one thread with a 4,096-token context (the engine's default). The
 * app's defaults (a 12,000-token prompt budget, 20 literature results with abstracts, the weakest-aspect policy
 * that needs four rounds) made every call re-read a prompt longer than that context, and the session ran past the
 * lane's time limit on a loaded machine. The lane proves the plumbing, so: a budget that fits the context beside
 * the token cap, titles-only literature, and the fixed cycle so that one round can end the idea.
 */
const TINY_MODEL_OPTIONS = {
  promptBudgetTokens: 3_000,
  literature: 'titles',
  mentorPolicy: { order: 'cycle', verdictAfter: [] },
} as const;

interface Detail {
  session: { status: string; error: { message: string } | null };
  ideas: Array<{
    outcome: string | null;
    decidedBy: string | null;
    round: number;
    currentVersion: number;
    versions: Array<{ version: number; idea: unknown }>;
  }>;
  turns: Array<{ kind: string }>;
}

async function dataDirWithGraph(): Promise<string> {
  const dataDir = tempDir();
  const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
  await graph.close();
  return dataDir;
}

const localEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  MOTIV_DATA_DIR: dataDir,
  MOTIV_LLM_BASE_URL: `local:${path}`,
  MOTIV_LLM_THREADS: '1',
  MOTIV_LLM_MAX_TOKENS: String(CAP),
  ...OFFLINE_LITERATURE_ENV,
});

/** The session's one idea ended by the mentor or the round limit, its stored version a valid idea. */
function expectSettledIdea(detail: Detail): void {
  expect(detail.session.error).toBeNull();
  expect(detail.session.status).toBe('completed');
  const [idea] = detail.ideas;
  expect(ENDINGS).toContain(idea?.outcome);
  expect(['mentor', 'limit']).toContain(idea?.decidedBy);
  expect(idea?.round).toBe(1);
  const stored = idea?.versions.at(-1);
  expect(stored?.version).toBe(idea?.currentVersion);
  expect(IdeaSchema.safeParse(stored?.idea).success).toBe(true);
  const kinds = detail.turns.map((t) => t.kind);
  expect(kinds).toContain('idea');
  expect(kinds.at(-1)).toMatch(/^(mentor|idea)$/);
}

describe('the real-model lane: an ideation session on SmolLM2 through the core', () => {
  it(
    'ideator.start (dispatch) runs explore → draft → mentor to a verdict or the round limit, every call under the cap',
    async () => {
      const core = createCore({ env: localEnv(await dataDirWithGraph()) });
      open.core = core;
      const events = recordEvents<IdeatorEventPayload>(core, 'ideator.event');
      const ok = resultCaller(channelCaller(core));
      const { id } = await ok<{ id: string }>('ideator.start', {
        topic: 'making reasoning models stop thinking so long',
        ideas: 1,
        maxRounds: 1,
        ...TINY_MODEL_OPTIONS,
      });
      await core.services.ideation.whenSettled(id);
      const detail = await ok<Detail>('ideator.get', { sessionId: id });
      expectSettledIdea(detail);
      // The researcher explored (with the graph tools offered) before it drafted, and the mentor answered.
      expect(detail.turns.map((t) => t.kind)).toEqual(
        expect.arrayContaining(['researcher', 'idea', 'mentor']),
      );
      // Finished calls (a call's ledger entry is written when it starts, then again with its counts).
      const usage = events.flatMap((e) =>
        e.type === 'usage' && e.entry.durationMs !== undefined ? [e.entry] : [],
      );
      expect(usage.length).toBeGreaterThanOrEqual(3);
      for (const entry of usage) {
        expect(entry.model).toBe('local:SmolLM2-135M-Instruct.Q4_1.gguf');
        expect(entry.completionTokens).toBeGreaterThan(0);
        expect(entry.completionTokens).toBeLessThanOrEqual(CAP);
      }
    },
    LANE_TIMEOUT_MS,
  );

  it(
    'motiv ideate with MOTIV_LLM_BASE_URL=local:<file> runs a session end to end and prints it',
    async () => {
      const dataDir = await dataDirWithGraph();
      // No tools at all (no graph, no literature): draft → mentor, the cheapest whole session.
      new SettingsStore(dataDir).update({ literature: { enabled: false } });
      const cli = recordingIo(localEnv(dataDir));
      const code = await ideateCommand(
        [
          '--topic',
          'making reasoning models stop thinking so long',
          '--ideas',
          '1',
          '--max-rounds',
          '1',
          // The fixed cycle: one round on a tiny model (see TINY_MODEL_OPTIONS).
          '--mentor-policy',
          'cycle',
          '--budget',
          String(TINY_MODEL_OPTIONS.promptBudgetTokens),
          '--no-graph',
        ],
        cli,
      );
      expect(code, cli.stderr).toBe(0);
      expect(cli.stderr).toContain('[idea 1] idea version 1');
      expect(cli.stderr).toMatch(/\[idea 1\] mentor round 1 \(clarity\)/);
      expect(cli.stderr.trim().split('\n').at(-1)).toMatch(
        /^cost: 2 calls, \d+ prompt \+ \d+ completion tokens, \$0\.0000$/,
      );
      expect(cli.stdout).toMatch(
        /^session \S+ \(completed\) — making reasoning models stop thinking so long\n1\. \[(accepted|rejected|round_limit)\] /,
      );
    },
    LANE_TIMEOUT_MS,
  );
});
