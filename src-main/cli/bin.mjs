#!/usr/bin/env node
// `npx motiv`: npm puts the project's pinned Node 24 first on PATH, and Node 24 runs the TypeScript core as is.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `motiv needs Node 24 or newer (found ${process.version}). Run it through npx or npm run.\n`,
  );
  process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
