import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdeaExportJsonSchema } from '../../contract/reports.ts';
import { seedIdeatorSessions } from '../../judge/test-ideas.ts';
import { recordingIo } from '../../test-support/cli-io.ts';
import { readPdf } from '../../test-support/export-parsers.ts';
import { AppError } from '../../shared/errors.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { UsageError } from '../io.ts';
import { exportCommand } from './export.ts';

/** `motiv export`: the same `ideas.export` as the app, written to --out; an existing file is kept. */

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();

function dataDirWithIdeas(): NodeJS.ProcessEnv {
  const dataDir = tempDir();
  seedIdeatorSessions(dataDir, TOPIC, ['alpha', 'beta']);
  return { MOTIV_DATA_DIR: dataDir };
}

describe('motiv export', () => {
  it('writes each format to --out, named after the idea, and keeps an existing file without --force', async () => {
    const env = dataDirWithIdeas();
    const out = tempDir();
    for (const format of ['md', 'html', 'pdf', 'json', 'bibtex']) {
      const io = recordingIo(env);
      expect(await exportCommand(['id-alpha', '--format', format, '--out', out], io)).toBe(0);
    }
    expect(readdirSync(out).sort()).toEqual(
      [
        'idea_alpha-v1.bib',
        'idea_alpha-v1.html',
        'idea_alpha-v1.json',
        'idea_alpha-v1.md',
        'idea_alpha-v1.pdf',
      ].sort(),
    );
    const pdf = await readPdf(readFileSync(join(out, 'idea_alpha-v1.pdf')));
    expect(pdf.title).toBe('Idea alpha for the topic');
    expect(readFileSync(join(out, 'idea_alpha-v1.md'), 'utf8')).toContain('# Idea alpha for the topic');

    const both = recordingIo(env);
    expect(await exportCommand(['id-alpha', 'id-beta', '--format', 'json', '--out', out], both)).toBe(0);
    expect(both.stdout).toBe(`${join(out, 'ideas-2.json')}\n`);
    const json = IdeaExportJsonSchema.parse(JSON.parse(readFileSync(join(out, 'ideas-2.json'), 'utf8')));
    expect(json.ideas.map((i) => i.idea.id)).toEqual(['id-alpha', 'id-beta']);
    // Several ideas in one report: each idea's part, then each one's appendices, numbered.
    expect(
      await exportCommand(['id-alpha', 'id-beta', '--format', 'md', '--out', out], recordingIo(env)),
    ).toBe(0);
    const report = readFileSync(join(out, 'ideas-2.md'), 'utf8');
    const order = [
      '# Idea alpha',
      '# Idea beta',
      '# Appendix 1A',
      '# Appendix 1B',
      '# Appendix 2A',
      '# Appendix 2B',
    ];
    const at = order.map((heading) => report.indexOf(heading));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    writeFileSync(join(out, 'idea_alpha-v1.md'), 'my edits');
    await expect(
      exportCommand(['id-alpha', '--format', 'md', '--out', out], recordingIo(env)),
    ).rejects.toThrow(/exists; give --force/);
    expect(readFileSync(join(out, 'idea_alpha-v1.md'), 'utf8')).toBe('my edits');
    expect(
      await exportCommand(['id-alpha', '--format', 'md', '--out', out, '--force'], recordingIo(env)),
    ).toBe(0);
    expect(readFileSync(join(out, 'idea_alpha-v1.md'), 'utf8')).toContain('# Idea alpha');
  });

  it('refuses a missing id, a bad format and an unknown idea', async () => {
    const env = dataDirWithIdeas();
    await expect(exportCommand(['--format', 'md'], recordingIo(env))).rejects.toBeInstanceOf(UsageError);
    await expect(exportCommand(['id-alpha', '--format', 'docx'], recordingIo(env))).rejects.toThrow(
      /--format must be one of md, html, pdf, json, bibtex \(got docx\)/,
    );
    const unknown = exportCommand(['no-such-idea', '--format', 'md', '--out', tempDir()], recordingIo(env));
    await expect(unknown).rejects.toBeInstanceOf(AppError);
    await expect(unknown).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
