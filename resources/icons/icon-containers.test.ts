import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco } from './icon-containers.ts';

const png = (size: number): Buffer => readFileSync(join(import.meta.dirname, `${size}x${size}.png`));
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('icon containers', () => {
  it('writes an .ico whose directory points at each PNG (256 px as 0)', () => {
    const ico = encodeIco([16, 256].map((size) => ({ size, png: png(size) })));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect([ico.readUInt8(6), ico.readUInt8(22)]).toEqual([16, 0]);
    const second = ico.readUInt32LE(22 + 12);
    expect(ico.subarray(second, second + 4)).toEqual(PNG_MAGIC);
    expect(ico.readUInt32LE(22 + 8)).toBe(png(256).length);
    expect(() => encodeIco([{ size: 512, png: png(512) }])).toThrow('at most 256 px');
  });

  it('writes an .icns with its total length and one typed block per size', () => {
    const icns = encodeIcns([128, 512].map((size) => ({ size, png: png(size) })));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('latin1', 8, 12)).toBe('ic07');
    const next = 8 + icns.readUInt32BE(12);
    expect(icns.toString('latin1', next, next + 4)).toBe('ic09');
    expect(() => encodeIcns([{ size: 16, png: png(16) }])).toThrow('no .icns type for 16 px');
  });

  it('the committed icons are the rendered sizes', () => {
    expect(readFileSync(join(import.meta.dirname, 'icon.png')).readUInt32BE(16)).toBe(1024);
    expect(png(256).readUInt32BE(16)).toBe(256);
  });
});
