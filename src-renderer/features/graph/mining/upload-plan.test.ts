import { describe, expect, it } from 'vitest';
import { sortIdentifiers } from './identifiers.ts';
import {
  encodedSize,
  formatDuration,
  MAX_UPLOAD_BYTES,
  planUploads,
  REQUEST_BODY_LIMIT,
  toBase64,
} from './upload-plan.ts';

const MB = 1024 * 1024;

describe('planUploads', () => {
  it('packs files into requests under the browser-mode body limit once base64-encoded', () => {
    const files = [
      { name: 'a.pdf', size: 4 * MB },
      { name: 'b.pdf', size: 4 * MB },
      { name: 'c.bib', size: 1_000 },
    ];
    const plan = planUploads(files, 50);
    expect(plan.refused).toEqual([]);
    expect(plan.batches.map((b) => b.map((f) => f.name))).toEqual([['a.pdf'], ['b.pdf', 'c.bib']]);
    for (const batch of plan.batches) {
      expect(batch.reduce((n, f) => n + encodedSize(f.size), 0)).toBeLessThan(REQUEST_BODY_LIMIT);
    }
  });

  it('refuses, by name, files no request can carry, files over the setting, and empty files', () => {
    const plan = planUploads(
      [
        { name: 'huge.pdf', size: MAX_UPLOAD_BYTES + 1 },
        { name: 'ok.bib', size: 10 },
        { name: 'empty.ris', size: 0 },
      ],
      50,
    );
    expect(plan.batches).toEqual([[{ name: 'ok.bib', size: 10 }]]);
    expect(plan.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(
        /^huge\.pdf is 7\.5 MB: the app uploads files up to 7\.5 MB\. .*npx motiv import "huge\.pdf"$/,
      ),
      'empty.ris is empty',
    ]);
    expect(encodedSize(MAX_UPLOAD_BYTES)).toBeLessThanOrEqual(REQUEST_BODY_LIMIT);

    const strict = planUploads([{ name: 'two.pdf', size: 2 * MB }], 1);
    expect(strict.refused[0]?.reason).toMatch(
      /^two\.pdf is 2\.0 MB: the limit is 1\.0 MB \(Settings: paperImport\.maxFileMb\)/,
    );
  });
});

describe('helpers', () => {
  it('encodes bytes as base64 in slices', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    const decoded = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
    expect(toBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
  });

  it('formats durations for the ETA', () => {
    expect([900, 65_000, 3_725_000].map(formatDuration)).toEqual(['1 s', '1 min 5 s', '1 h 2 min']);
  });
});

describe('sortIdentifiers', () => {
  it('tells DOIs from arXiv ids and names the rest', () => {
    expect(
      sortIdentifiers(
        '10.1073/pnas.1611835114, arXiv:1706.03762v7\nhttps://arxiv.org/abs/2505.19683 https://doi.org/10.1000/xyz hep-th/9901001 banana',
      ),
    ).toEqual({
      dois: ['10.1073/pnas.1611835114', 'https://doi.org/10.1000/xyz'],
      arxivIds: ['1706.03762v7', '2505.19683', 'hep-th/9901001'],
      unknown: ['banana'],
    });
  });
});
