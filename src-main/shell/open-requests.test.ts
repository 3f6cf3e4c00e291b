import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../contract/events.ts';
import { createCore } from '../core/create-core.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createOpenRequests } from './open-requests.ts';

const tempDir = useTempDirs();
const open = useOpenCore();
const fixture = (name: string): string => join(import.meta.dirname, '../papers/fixtures', name);

function openApp(): { links: EventPayload<'app.link'>[]; requests: ReturnType<typeof createOpenRequests> } {
  const core = createCore({ env: { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' } });
  open.core = core;
  const links: EventPayload<'app.link'>[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'app.link') links.push(payload as EventPayload<'app.link'>);
  });
  return { links, requests: createOpenRequests(core) };
}

describe('what the OS opens the app with', () => {
  it('imports a .bib, .ris or .ciw opened with the app through the paper service, once per file', async () => {
    const { requests } = openApp();
    await requests.argv(['--no-sandbox', fixture('valid.bib')]);
    await requests.file(fixture('valid.ris'));
    await requests.file(fixture('valid.bib'));
    await requests.file(fixture('valid.ciw'));
    const stats = await open.core!.handlers['graph.stats']({}, { transport: 'ipc' });
    // 3 + 1 + 2 read; the .ciw's "Attention is all you need" is the .bib's paper again (same arXiv DOI)
    expect(stats.stats.nodes.Paper).toBe(5);
  });

  it('sends motiv:// links to the renderer as app.link, and refuses every other URL or file', async () => {
    const { links, requests } = openApp();
    const notes = join(tempDir(), 'notes.exe');
    writeFileSync(notes, 'MZ');
    await requests.argv(['motiv://idea/idea-42', 'motiv://node/P%3A7', notes, 'https://evil.example/']);
    for (const hostile of [
      'motiv://idea/../../etc/passwd',
      'motiv://settings/x',
      'motiv://idea/a?next=https://evil.example',
      'javascript:alert(1)',
      `motiv://node/${'x'.repeat(600)}`,
      'motiv://idea/%E0%A4%A',
      'file:///etc/passwd',
    ])
      requests.url(hostile);
    requests.url('motiv://node/n-1');
    expect(links).toEqual([
      { kind: 'idea', id: 'idea-42' },
      { kind: 'node', id: 'P:7' },
      { kind: 'node', id: 'n-1' },
    ]);
    const stats = await open.core!.handlers['graph.stats']({}, { transport: 'ipc' });
    expect(stats.stats.nodes.Paper ?? 0).toBe(0);
  });
});
