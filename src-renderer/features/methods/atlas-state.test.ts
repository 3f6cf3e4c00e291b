import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import json from '../../../resources/planning-methods.json';
import { AtlasDb } from '../../lib/db/atlas-db.ts';
import { AtlasState } from './atlas-state.svelte.ts';

let n = 0;
const dbs: AtlasDb[] = [];
function freshDb(name = `atlas-state-${++n}`): AtlasDb {
  const db = new AtlasDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const bundled = async (): Promise<unknown> => json;

describe('AtlasState', () => {
  it('imports on first start, then searches, filters and annotates', async () => {
    const atlas = new AtlasState(freshDb());
    await atlas.load(bundled);
    expect(atlas.status).toBe('ready');
    expect(atlas.entries).toHaveLength(183);
    atlas.query = 'monte carlo';
    expect(atlas.results.length).toBeGreaterThan(0);
    atlas.query = '';
    atlas.setFilter({ taxonId: 'decoding-based' });
    expect(atlas.results).toHaveLength(8);
    await atlas.annotate('llm-p', { starred: true, tags: ['x'] });
    atlas.resetFilters();
    atlas.setFilter({ starredOnly: true });
    expect(atlas.results.map((e) => e.id)).toEqual(['llm-p']);
    atlas.resetFilters();
    atlas.query = 'x';
    expect(atlas.results.map((e) => e.id)).toContain('llm-p');
  });

  it('loads once however often the section mounts', async () => {
    const atlas = new AtlasState(freshDb());
    const first = atlas.ensureLoaded();
    expect(atlas.ensureLoaded()).toBe(first);
    await first;
    expect(atlas.status).toBe('ready');
  });

  it('keeps showing IndexedDB when the dataset check fails, and reports it', async () => {
    const name = `atlas-state-${++n}`;
    await new AtlasState(freshDb(name)).load(bundled);
    const atlas = new AtlasState(freshDb(name));
    await atlas.load(() => Promise.reject(new Error('offline')));
    expect(atlas.status).toBe('ready');
    expect(atlas.entries).toHaveLength(183);
    expect(atlas.notice?.text).toMatch(/offline/);
  });

  it('fails visibly when there is nothing stored and no dataset', async () => {
    const atlas = new AtlasState(freshDb());
    await atlas.load(() => Promise.reject(new Error('offline')));
    expect(atlas.status).toBe('error');
    expect(atlas.error).toBe('offline');
  });

  it('tells the user when a newer dataset replaced the methods', async () => {
    const name = `atlas-state-${++n}`;
    const before = new AtlasState(freshDb(name));
    await before.load(bundled);
    await before.annotate('llm-p', { note: 'keep' });
    const next = {
      ...json,
      version: json.version + 1,
      methods: json.methods.filter((m) => m.id !== 'llm-p'),
    };
    const atlas = new AtlasState(freshDb(name));
    await atlas.load(async () => next);
    expect(atlas.version).toBe(json.version + 1);
    expect(atlas.notice?.text).toMatch(/your notes and methods were kept. 1 of your notes are on methods/);
    expect(atlas.orphanedNotes.map((a) => a.note)).toEqual(['keep']);
  });

  it('limits the selection and saves it as inspiration', async () => {
    const atlas = new AtlasState(freshDb());
    await atlas.load(bundled);
    for (const e of atlas.entries.slice(0, 9)) atlas.toggleChosen(e.id);
    expect(atlas.chosenIds).toHaveLength(8);
    expect(atlas.notice?.kind).toBe('error');
    await atlas.inspire();
    expect(atlas.notice?.text).toMatch(/^Saved: open Ideate to start a session inspired by these methods/);
    expect(await atlas.db.inspirations.count()).toBe(1);
  });
});
