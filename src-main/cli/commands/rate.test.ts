import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { seedIdeatorSessions } from '../../judge/test-ideas.ts';
import { projectPath } from '../../shared/project-path.ts';
import { recordingIo } from '../../test-support/cli-io.ts';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { UsageError } from '../io.ts';
import { judgeCommand } from './judge.ts';
import { rateCommand, ratingsCommand } from './rate.ts';

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);

function dataDirWithIdeas(): NodeJS.ProcessEnv {
  const dataDir = tempDir();
  seedIdeatorSessions(dataDir, TOPIC, ['delta', 'beta', 'alpha', 'gamma']);
  return { MOTIV_DATA_DIR: dataDir };
}

describe('motiv rate', () => {
  it('rates an idea as a named rater through dispatch, keeping the scores not given', async () => {
    const env = dataDirWithIdeas();
    const first = recordingIo(env);
    expect(await rateCommand(['id-alpha', '--rater', 'Ada', '--novelty', '7'], first)).toBe(0);
    expect(first.stdout).toBe('Ada rated id-alpha: novelty 7 (revision 1)\n');
    const second = recordingIo(env);
    expect(await rateCommand(['id-alpha', '--rater', 'Ada', '--clarity', '5', '--json'], second)).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      rater: 'Ada',
      scores: { novelty: 7, clarity: 5 },
      revision: 2,
    });
    const bob = recordingIo(env);
    expect(
      await rateCommand(['id-alpha', '--rater', 'Bob', '--novelty', '2', '--note', 'seen it'], bob),
    ).toBe(0);
    expect(bob.stdout).toContain('(revision 1)');
  });

  it('refuses bad scores, a missing rater and an unknown idea, naming them', async () => {
    const env = dataDirWithIdeas();
    for (const args of [
      ['id-alpha', '--rater', 'Ada', '--novelty', '11'],
      ['id-alpha', '--rater', 'Ada', '--novelty', '7.5'],
      ['id-alpha', '--rater', 'Ada', '--novelty', ''],
      ['id-alpha', '--novelty', '7'],
      ['id-alpha', '--rater', 'Ada'],
      ['id-alpha', 'id-beta', '--rater', 'Ada', '--novelty', '7'],
    ]) {
      await expect(rateCommand(args, recordingIo(env)), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
    await expect(
      rateCommand(['id-nope', '--rater', 'Ada', '--novelty', '1'], recordingIo(env)),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      rateCommand(['id-alpha', '--rater', 'A\u0007da', '--novelty', '1'], recordingIo(env)),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('motiv ratings', () => {
  it("prints the topic's human standings and their agreement with the judge's direct scores", async () => {
    const server = await startLlm({
      scenario: projectPath('e2e', 'scripted-llm', 'scenarios', 'ratings-direct.json'),
    });
    const env = {
      ...dataDirWithIdeas(),
      MOTIV_LLM_BASE_URL: server.baseUrl,
      MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
    };
    expect(await judgeCommand(['--topic', TOPIC], recordingIo(env))).toBe(0);
    // Ada's novelty ranks alpha > beta > delta > gamma; the judge's paper means alpha 9 > beta 7 > gamma 5 > delta 3.
    for (const [id, novelty] of [
      ['id-alpha', '9'],
      ['id-beta', '6'],
      ['id-delta', '4'],
      ['id-gamma', '2'],
    ] as const) {
      await rateCommand([id, '--rater', 'Ada', '--novelty', novelty], recordingIo(env));
    }
    const cli = recordingIo(env);
    expect(await ratingsCommand(['--topic', TOPIC], cli)).toBe(0);
    expect(cli.stdout).toMatch(/^3\s+id-delta\s+1000\.0\s+0-0\s+4\.00\s+1$/m);
    expect(cli.stdout).toContain('0 blind pairs answered by all raters');
    expect(cli.stdout).toContain('human ratings vs judge direct scores: Spearman 0.800, Kendall 0.667, n 4');
    expect(cli.stdout).toContain(
      'human ELO vs judge direct scores: 0 ideas ranked by both; agreement needs at least 3',
    );
    const json = recordingIo(env);
    expect(await ratingsCommand(['--topic', TOPIC, '--rater', 'Bob', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ rater: 'Bob', answered: 0 });
  });
});
