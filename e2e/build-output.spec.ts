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
