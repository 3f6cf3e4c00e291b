import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl, isTrustedSender } from './url-rules.ts';

describe('shell URL rules', () => {
  it('opens only https links to allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://arxiv.org/abs/2505.19683')).toBe(true);
    expect(isAllowedExternalUrl('http://arxiv.org/abs/2505.19683')).toBe(false);
    expect(isAllowedExternalUrl('https://arxiv.org.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('recognises the app page (exact app://motiv origin) and the dev server only', () => {
    expect(isAppUrl('app://motiv/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://motiv/assets/index-abc.js', undefined)).toBe(true);
    // file: no longer counts, whatever its path ends with: any local file could end that way.
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', undefined)).toBe(false);
    expect(isAppUrl('file:///tmp/x/renderer/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://motiv.evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://other/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://motiv:8080/index.html', undefined)).toBe(false);
    expect(isAppUrl('app://user@motiv/index.html', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('https://example.org/', 'http://localhost:5173')).toBe(false);
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
