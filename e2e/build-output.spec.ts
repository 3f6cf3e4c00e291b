import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from './app-launcher.ts';

// The sandboxed preload can require nothing but 'electron': check what the build really emitted.
test('the preload is CommonJS that requires only electron, and the window keeps the sandbox on', () => {
  const preload = readFileSync(join(REPO_ROOT, 'out/preload/preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect(required).toEqual(['electron']);
  expect(preload).toContain('exposeInMainWorld');
  expect(preload).not.toMatch(/\bimport\s/);

  const main = readFileSync(join(REPO_ROOT, 'out/main/index.js'), 'utf8');
  expect(main).toMatch(/contextIsolation:\s*true/);
  expect(main).toMatch(/sandbox:\s*true/);
  expect(main).toMatch(/nodeIntegration:\s*false/);
  expect(main).toContain('preload.cjs');
});

// Electron cannot run here: check what the production build of the shell does (security checklist #18).
test('the shell loads the renderer from app://motiv, never file://, and ignores the dev server URL', () => {
  const main = readFileSync(join(REPO_ROOT, 'out/main/index.js'), 'utf8');
  expect(main).toContain('registerSchemesAsPrivileged');
  expect(main).toMatch(/scheme:\s*"app"[\s\S]*standard:\s*true[\s\S]*secure:\s*true/);
  expect(main).toContain('protocol.handle("app"');
  expect(main).toContain('"app://motiv/index.html"');
  expect(main).not.toContain('loadFile(');
  // A production build pins the dev flag to false, so ELECTRON_RENDERER_URL is ignored.
  expect(main).toMatch(/devBuild:\s*false/);
  expect(main).toContain('"content-security-policy": CONTENT_SECURITY_POLICY');

  const preload = readFileSync(join(REPO_ROOT, 'out/preload/preload.cjs'), 'utf8');
  expect(preload).toContain('"secrets.confirmEndpoint"');
  expect(preload).toContain('is not available to the window');
});
