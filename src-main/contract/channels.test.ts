import { describe, expect, it } from 'vitest';
import { channels, isChannel } from './channels.ts';
import { isEventName } from './events.ts';
import { SettingsPatchSchema, SettingsSchema } from './settings.ts';

describe('contract', () => {
  it.each([
    [isChannel, 'settings.get', true],
    [isChannel, 'settings.nope', false],
    [isChannel, 'toString', false],
    [isChannel, '__proto__', false],
    [isEventName, 'settings.changed', true],
    [isEventName, 'constructor', false],
  ])(
    'knows its channels and events and nothing else, prototype keys included: %o(%s) is %s',
    (isKnown, name, known) => {
      expect(isKnown(name)).toBe(known);
    },
  );

  it('fills defaults for a fresh settings file', () => {
    const settings = SettingsSchema.parse({ schemaVersion: 1 });
    expect(settings.ideation).toEqual({ ideasPerTopic: 3, maxRounds: 5 });
    expect(settings.appearance.theme).toBe('system');
    expect(settings.neo4j.uri).toBeNull();
  });

  it('refuses unknown keys and bad values with the field path', () => {
    const unknown = SettingsPatchSchema.safeParse({ appearance: { colour: 'red' } });
    expect(unknown.success).toBe(false);
    const bad = SettingsPatchSchema.safeParse({ ideation: { maxRounds: 0 }, llm: { baseUrl: 'ftp://x' } });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['ideation.maxRounds', 'llm.baseUrl']));
  });

  it('accepts only bolt or neo4j URIs for the shared graph', () => {
    expect(SettingsPatchSchema.safeParse({ neo4j: { uri: 'neo4j+s://lab.example.org' } }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ neo4j: { uri: 'http://lab.example.org' } }).success).toBe(false);
  });

  it('requests with no fields refuse stray ones', () => {
    expect(channels['settings.get'].request.safeParse({}).success).toBe(true);
    expect(channels['settings.get'].request.safeParse({ x: 1 }).success).toBe(false);
  });
});
