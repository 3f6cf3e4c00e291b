/**
 * `npm run icons`: renders resources/icons/icon.svg to the PNGs, ICNS and ICO the installers use, offline: the
 * SVG is rasterized by Debian's Chromium (through Playwright), and the two containers are written here. The
 * outputs are committed; run this again only after changing the SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { encodeIcns, encodeIco } from './icon-containers.ts';

const DIR = import.meta.dirname;
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const;

async function renderPngs(svg: string): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({
    executablePath: process.env['MOTIV_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const pngs = new Map<number, Buffer>();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

const pngs = await renderPngs(readFileSync(join(DIR, 'icon.svg'), 'utf8'));
const png = (size: number): Buffer => {
  const bytes = pngs.get(size);
  if (!bytes) throw new Error(`no ${size}px rendering`);
  return bytes;
};
writeFileSync(join(DIR, 'icon.png'), png(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512])
  writeFileSync(join(DIR, `${size}x${size}.png`), png(size));
writeFileSync(
  join(DIR, 'icon.ico'),
  encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: png(size) }))),
);
writeFileSync(
  join(DIR, 'icon.icns'),
  encodeIcns([128, 256, 512, 1024].map((size) => ({ size, png: png(size) }))),
);
process.stdout.write(`wrote icon.png, ${SIZES.length - 1} sizes, icon.ico and icon.icns to ${DIR}\n`);
