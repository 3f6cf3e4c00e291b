import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { ideateCommand } from '../cli/commands/ideate.ts';
import { SettingsStore } from '../core/settings-store.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { scenarioFile, seedGraph, waitFor } from '../test-support/ideator-harness.ts';
import { OFFLINE_LITERATURE_ENV, recordingIo } from '../test-support/cli-io.ts';

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
const ONE_IDEA_THREE_ROUNDS = ['--topic', 'LLM research ideation', '--ideas', '1', '--max-rounds', '3'];
let server: ScriptedLlm | undefined;

async function setup(scenario: string) {
  const dataDir = tempDir();
  const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
  await graph.close();
  server = await startLlm({ scenario: scenarioFile(scenario) });
  return recordingIo({
    MOTIV_DATA_DIR: dataDir,
    MOTIV_LLM_BASE_URL: server.baseUrl,
    MOTIV_LLM_MODEL: 'scripted-chat',
    ...OFFLINE_LITERATURE_ENV,
  });
}

describe('motiv ideate', () => {
  it('runs a session to the end, with progress and a cost line on stderr and JSON on stdout', async () => {
    const cli = await setup('accept');
    const code = await ideateCommand(
      // The fixed cycle: this test is about the command's output; the scenario's mentor accepts in round 2.
      [...ONE_IDEA_THREE_ROUNDS, '--mentor-policy', 'cycle', '--json'],
      cli,
    );
    expect(code).toBe(0);
    const detail = JSON.parse(cli.stdout) as { session: { status: string }; ideas: { outcome: string }[] };
    expect(detail.session.status).toBe('completed');
    expect(detail.ideas[0]?.outcome).toBe('accepted');
    expect(cli.stderr).toContain('[idea 1] researcher calls node_search');
    expect(cli.stderr).toContain('[idea 1] mentor round 2 (innovation): ACCEPTED');
    expect(cli.stderr).toMatch(/worst-case cost \$/);
    expect(cli.stderr.trim().split('\n').at(-1)).toMatch(
      /^cost: 9 calls, \d+ prompt \+ \d+ completion tokens, \$0\.0000 \(no price for scripted-chat\)$/,
    );
  });

  it('prints Markdown with --md and flags unknown citations', async () => {
    const cli = await setup('no-graph');
    // Remote literature off too: with a provider, the no-graph ablation would still explore with literature_search.
    new SettingsStore(cli.env['MOTIV_DATA_DIR'] ?? '').update({ literature: { enabled: false } });
    const code = await ideateCommand(
      // The fixed cycle: this test is about Markdown; the scenario's mentor accepts in round 1.
      ['--topic', 'LLM research ideation', '--ideas', '1', '--no-graph', '--mentor-policy', 'cycle', '--md'],
      cli,
    );
    expect(code).toBe(0);
    expect(cli.stdout).toContain('## Graph-grounded Socratic ideation, version 1');
    expect(cli.stdout).toContain('> Unknown graph citations: kg:challenge:Made_up_node_that_does_not_exist');
  });

  it('pauses on Ctrl+C (exit 130) and continues with --resume without paying twice', async () => {
    const cli = await setup('resume');
    const stop = new AbortController();
    const running = ideateCommand(
      // The fixed cycle: this test is about pause and resume; the scenario's mentor accepts in round 2.
      ['--topic', 'LLM research ideation', '--ideas', '1', '--max-rounds', '3', '--mentor-policy', 'cycle'],
      cli,
      stop.signal,
    );
    const mentorAsked = () =>
      server?.requests.some((r) => JSON.stringify(r.body).includes('[role:mentor]')) ?? false;
    await waitFor(mentorAsked);
    stop.abort();
    expect(await running).toBe(130);
    const id = /--resume (\S+)/.exec(cli.stderr)?.[1] ?? '';
    expect(cli.stdout).toContain('(paused)');

    const again = recordingIo(cli.env);
    expect(await ideateCommand(['--resume', id, '--json'], again)).toBe(0);
    const detail = JSON.parse(again.stdout) as { ideas: { outcome: string }[]; usage: { calls: number } };
    expect(detail.ideas[0]?.outcome).toBe('accepted');
    expect(detail.usage.calls).toBe(7);
    expect(server?.unusedSteps()).toEqual([]);
  });

  it('questions the weakest aspect by default; --mentor-policy and --verdict-after choose the policy', async () => {
    const cli = await setup('weakest');
    new SettingsStore(cli.env['MOTIV_DATA_DIR'] ?? '').update({ literature: { enabled: false } });
    const code = await ideateCommand(
      ['--topic', 'LLM research ideation', '--ideas', '1', '--no-graph', '--json'],
      cli,
    );
    expect(code).toBe(0);
    const detail = JSON.parse(cli.stdout) as {
      session: { config: { mentorPolicy?: unknown } };
      ideas: { outcome: string; round: number }[];
    };
    expect(detail.session.config.mentorPolicy).toEqual({
      order: 'weakest',
      verdictAfter: ['innovation', 'feasibility', 'rationality'],
    });
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', round: 5 });
    // Round 1's early <ACCEPT> is not shown as a verdict; round 5's is.
    expect(cli.stderr).toContain('[idea 1] mentor round 1 (innovation)\n');
    expect(cli.stderr).toContain('[idea 1] mentor round 5 (feasibility): ACCEPTED');
    expect(server?.unusedSteps()).toEqual([]);

    const usage = recordingIo({});
    const refused = (args: string[]) => ideateCommand(['--topic', 'x', ...args], usage);
    await expect(refused(['--mentor-policy', 'fast'])).rejects.toThrow(
      /--mentor-policy: expected weakest or cycle/,
    );
    await expect(refused(['--verdict-after', 'clarity'])).rejects.toThrow(
      /--verdict-after: unknown aspect "clarity"/,
    );
    await expect(refused(['--mentor-policy', 'cycle', '--verdict-after', 'none'])).rejects.toThrow(
      /--verdict-after applies to --mentor-policy weakest only/,
    );
  });

  it('exits 1 with a clear message when no endpoint is configured', async () => {
    const cli = recordingIo({ MOTIV_DATA_DIR: tempDir() });
    expect(await ideateCommand(['--topic', 'x'], cli)).toBe(1);
    expect(cli.stderr).toContain('no LLM endpoint configured');
  });

  it('exits 1 with the reason when the endpoint fails', async () => {
    const cli = await setup('cli-fail');
    expect(await ideateCommand(['--topic', 'LLM research ideation', '--ideas', '1'], cli)).toBe(1);
    expect(cli.stderr).toContain('the session failed');
    expect(cli.stderr).toContain('does not exist');
    expect(cli.stderr).toContain('motiv ideate --resume');
  });

  it('refuses bad usage', async () => {
    const cli = recordingIo({});
    await expect(ideateCommand([], cli)).rejects.toThrow(/--topic is required/);
    await expect(ideateCommand(['--topic', 'x', '--ideas', 'two'], cli)).rejects.toThrow(/--ideas/);
  });
});
