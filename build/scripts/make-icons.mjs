// Draws Berth's icons (a container on a hull, plus tray variants) as PNGs with no image library, so the art is
// reproducible here and on CI. Run: node build/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4x supersampling for smooth edges.
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const p = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
          acc = acc.map((v, i) => v + (i === 3 ? p[3] : p[i] * p[3]));
        }
      const a = acc[3] / 16;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// The mark: a container box riding on a hull (trapezoid), drawn in `fg`.
const mark = (x, y) => {
  const box =
    inRoundRect(x, y, 0.3, 0.22, 0.7, 0.5, 0.03) &&
    !(x > 0.37 && x < 0.63 && Math.abs(((((x - 0.3) / 0.4) * 5) % 1) - 0.5) < 0.09 && y > 0.27 && y < 0.45);
  const hullTop = 0.55,
    hullBottom = 0.76;
  const t = (y - hullTop) / (hullBottom - hullTop);
  const hull = y >= hullTop && y <= hullBottom && x >= 0.16 + t * 0.12 && x <= 0.84 - t * 0.12;
  return box || hull;
};
const appIcon = (x, y) => {
  if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return [0, 0, 0, 0];
  if (mark(x, y)) return [255, 255, 255, 1];
  const g = y; // gentle vertical gradient
  return [Math.round(28 + 20 * g), Math.round(126 - 40 * g), Math.round(214 - 30 * g), 1];
};
const status = { connected: [64, 192, 87], degraded: [250, 176, 5], disconnected: [224, 49, 49] };
const trayIcon = (fg, dot) => (x, y) => {
  if (dot && (x - 0.8) ** 2 + (y - 0.8) ** 2 <= 0.2 ** 2) return [...dot, 1];
  return mark(x, y) ? [...fg, 1] : [0, 0, 0, 0];
};

mkdirSync('assets/tray', { recursive: true });
mkdirSync('build/icons', { recursive: true });
writeFileSync('assets/icon.png', png(256, appIcon));
for (const s of [16, 32, 48, 64, 128, 256, 512, 1024])
  writeFileSync(`build/icons/${s}x${s}.png`, png(s, appIcon));
writeFileSync('build/icon.png', png(1024, appIcon));

// Windows .ico: a directory of PNG-compressed images (Vista+ reads PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const icoImages = icoSizes.map((s) => png(s, appIcon));
const icoHeader = Buffer.alloc(6 + 16 * icoSizes.length);
icoHeader.writeUInt16LE(0, 0);
icoHeader.writeUInt16LE(1, 2);
icoHeader.writeUInt16LE(icoSizes.length, 4);
let icoOffset = icoHeader.length;
icoSizes.forEach((s, i) => {
  const e = 6 + i * 16;
  icoHeader[e] = s >= 256 ? 0 : s;
  icoHeader[e + 1] = s >= 256 ? 0 : s;
  icoHeader.writeUInt16LE(1, e + 4);
  icoHeader.writeUInt16LE(32, e + 6);
  icoHeader.writeUInt32LE(icoImages[i].length, e + 8);
  icoHeader.writeUInt32LE(icoOffset, e + 12);
  icoOffset += icoImages[i].length;
});
writeFileSync('build/icon.ico', Buffer.concat([icoHeader, ...icoImages]));

// macOS .icns: typed PNG entries (icp4 16px … ic10 1024px).
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
const icnsEntries = icnsTypes.map(([type, s]) => {
  const data = png(s, appIcon);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + icnsEntries.reduce((n, e) => n + e.length, 0), 4);
writeFileSync('build/icon.icns', Buffer.concat([icnsHead, ...icnsEntries]));
for (const [state, dot] of Object.entries(status)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    // Light menu bars get dark art, dark bars light art; macOS gets a template image it recolours itself.
    writeFileSync(`assets/tray/tray-${state}-dark${suffix}.png`, png(size, trayIcon([240, 240, 240], dot)));
    writeFileSync(`assets/tray/tray-${state}-light${suffix}.png`, png(size, trayIcon([30, 30, 30], dot)));
  }
}
for (const [suffix, size] of [
  ['', 16],
  ['@2x', 32],
])
  writeFileSync(`assets/tray/trayTemplate${suffix}.png`, png(size, trayIcon([0, 0, 0], null)));
console.log('icons written');
