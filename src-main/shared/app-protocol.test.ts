import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrlFor, resolveAppRequest } from './app-protocol.ts';
import { isChannelExposed } from './preload-channels.ts';

const ROOT = join('/opt', 'motiv', 'out', 'renderer');

describe('the app:// protocol', () => {
  it('maps app://motiv paths to files inside the renderer folder', () => {
    expect(resolveAppRequest(ROOT, 'app://motiv/')).toEqual({
      kind: 'file',
      path: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest(ROOT, 'app://motiv/assets/index-1a2b.js?v=1#x')).toMatchObject({
      kind: 'file',
      path: join(ROOT, 'assets', 'index-1a2b.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses traversal, encoded separators, NUL, bad encoding and other hosts', () => {
    for (const url of [
      'app://motiv/../../etc/passwd',
      'app://motiv/..%2f..%2fetc%2fpasswd',
      'app://motiv/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://motiv/%2e%2e/%2e%2e/etc/passwd',
      'app://motiv/..\\..\\secrets.json',
    ]) {
      const target = resolveAppRequest(ROOT, url);
      if (target.kind === 'file') expect(target.path.startsWith(ROOT + '/')).toBe(true);
      else expect(target.status).toBe(404);
    }
    expect(resolveAppRequest(ROOT, 'app://motiv/..%2f..%2f..%2f..%2fetc%2fpasswd')).toEqual({
      kind: 'refused',
      status: 404,
    });
    expect(resolveAppRequest(ROOT, 'app://motiv/a%00.js')).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppRequest(ROOT, 'app://motiv/%E0%A4%A')).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppRequest(ROOT, 'app://evil/index.html')).toEqual({ kind: 'refused', status: 403 });
    expect(resolveAppRequest(ROOT, 'file:///etc/passwd')).toEqual({ kind: 'refused', status: 403 });
  });

  it('honours ELECTRON_RENDERER_URL only in an unpackaged development build, on loopback', () => {
    const envUrl = 'http://localhost:5173/';
    expect(devServerUrlFor({ isPackaged: false, devBuild: true, envUrl })).toBe('http://localhost:5173');
    expect(devServerUrlFor({ isPackaged: true, devBuild: true, envUrl })).toBeUndefined();
    expect(devServerUrlFor({ isPackaged: false, devBuild: false, envUrl })).toBeUndefined();
    expect(devServerUrlFor({ isPackaged: false, devBuild: true, envUrl: undefined })).toBeUndefined();
    expect(
      devServerUrlFor({ isPackaged: false, devBuild: true, envUrl: 'https://evil.example/' }),
    ).toBeUndefined();
    expect(
      devServerUrlFor({ isPackaged: false, devBuild: true, envUrl: 'file:///tmp/x.html' }),
    ).toBeUndefined();
  });
});

describe('the preload’s channel rule', () => {
  it('opens every channel but the secrets family, of which only what Settings needs', () => {
    expect(isChannelExposed('settings.update')).toBe(true);
    expect(isChannelExposed('graph.stats')).toBe(true);
    for (const open of ['secrets.status', 'secrets.set', 'secrets.clear', 'secrets.confirmEndpoint']) {
      expect(isChannelExposed(open)).toBe(true);
    }
    expect(isChannelExposed('secrets.get')).toBe(false);
    expect(isChannelExposed('secrets.export')).toBe(false);
    expect(isChannelExposed('secrets.')).toBe(false);
  });
});
