/* global process, console, URL, Buffer */
// Regenerates the raster icons from icon.svg and file-samizdat.svg with Debian's Chromium:
//   node resources/make-icons.mjs
// Writes PNGs, a Windows .ico and a macOS .icns. Both containers hold PNG images, which every
// supported Windows (Vista+) and macOS (10.7+) reads, so no image library is needed.
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function render(svgFile, size) {
  const svg = await readFile(path.join(here, svgFile), 'utf8');
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const sized = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return png;
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

function icns(images) {
  const TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const chunks = images.map(({ size, png }) => {
    const head = Buffer.alloc(8);
    head.write(TYPES[size], 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

for (const [svg, base] of [['icon.svg', 'icon'], ['file-samizdat.svg', 'file-samizdat']]) {
  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
  const images = [];
  for (const size of sizes) images.push({ size, png: await render(svg, size) });
  const bySize = (s) => images.find((i) => i.size === s);
  await writeFile(path.join(here, `${base}.png`), bySize(512).png);
  await writeFile(path.join(here, `${base}.ico`), ico([16, 32, 48, 256].map(bySize)));
  await writeFile(path.join(here, `${base}.icns`), icns([16, 32, 64, 128, 256, 512, 1024].map(bySize)));
}
await browser.close();
console.log('icons written to', here);
