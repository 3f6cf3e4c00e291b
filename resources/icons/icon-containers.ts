/**
 * The two icon containers the installers want, each a header and a list of PNG images (both formats accept
 * PNG payloads: ICO since Windows Vista, ICNS for 128 px and up), so no image library is needed.
 */
export interface SizedPng {
  size: number;
  png: Buffer;
}

/** Windows .ico: ICONDIR, one ICONDIRENTRY per image (256 is written as 0), then the PNGs. */
export function encodeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    if (size > 256) throw new Error(`an .ico image is at most 256 px, got ${size}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0);
    entry.writeUInt8(size % 256, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** Apple's OSType per PNG size in an .icns file. */
const ICNS_TYPES: Record<number, string> = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** macOS .icns: 'icns' + total length, then one (type, length, PNG) block per size. */
export function encodeIcns(images: readonly SizedPng[]): Buffer {
  const blocks = images.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (!type) throw new Error(`no .icns type for ${size} px (use ${Object.keys(ICNS_TYPES).join(', ')})`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(blocks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}
