import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl, isTrustedSender } from './url-rules.ts';

describe('shell URL rules', () => {
  it.each(['https://arxiv.org/abs/2505.19683'])('opens the allowlisted https link %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://arxiv.org/abs/2505.19683',
    'https://arxiv.org.evil.example/',
    'https://user:pw@github.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('does not open %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  const DEV_SERVER = 'http://localhost:5173';
  it.each([
    ['app://motiv/index.html', undefined],
    ['app://motiv/assets/index-abc.js', undefined],
    ['http://localhost:5173/', DEV_SERVER],
  ])('recognises %s as the app page (dev server %s)', (url, devServer) => {
    expect(isAppUrl(url, devServer)).toBe(true);
  });

  // file: no longer counts, whatever its path ends with: any local file could end that way.
  it.each([
    ['file:///opt/app/out/renderer/index.html', undefined],
    ['file:///tmp/x/renderer/index.html', undefined],
    ['app://motiv.evil/index.html', undefined],
    ['app://other/index.html', undefined],
    ['app://motiv:8080/index.html', undefined],
    ['app://user@motiv/index.html', undefined],
    ['http://localhost:5173/', undefined],
    ['https://example.org/', DEV_SERVER],
  ])('does not take %s for the app page (dev server %s)', (url, devServer) => {
    expect(isAppUrl(url, devServer)).toBe(false);
  });

  it('answers IPC only from the top frame of the app page', () => {
    const top = { url: 'app://motiv/index.html', parent: null };
    expect(isTrustedSender(top, undefined)).toBe(true);
    expect(isTrustedSender({ ...top, parent: {} }, undefined)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, undefined)).toBe(false);
    expect(isTrustedSender(null, undefined)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/renderer/index.html', parent: null }, undefined)).toBe(false);
  });
});
