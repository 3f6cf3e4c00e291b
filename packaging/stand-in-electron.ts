import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState } from '@electron/fuses';

/**
 * A folder shaped like an unpacked Electron distribution for Linux, for electron-builder's `electronDist`:
 * Electron's binary cannot be downloaded here. The "binary" is a shell script that says what it is and carries
 * a fuse wire after the sentinel @electron/fuses looks for, with Electron's default states, so the afterPack
 * hook flips real bytes and package:verify reads them back.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults, in wire order: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity,
// only-asar, browser V8 snapshot, file:// privileges, Wasm trap handlers.
const DEFAULT_WIRE = [1, 0, 1, 1, 0, 0, 0, 1, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));

export function writeStandInElectron(dir: string, version: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = `#!/bin/sh\necho "stand-in for Electron ${version}: built by packaging/stand-in-electron.ts, not runnable" >&2\nexit 1\n# `;
  const wire = Buffer.concat([
    Buffer.from(script),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length, ...DEFAULT_WIRE]),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), wire);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  for (const locale of ['en-US', 'de', 'fr']) writeFileSync(join(dir, 'locales', `${locale}.pak`), '');
}
