/**
 * The images and documents the feature probes send, built here so that they are small, valid and
 * the same on every run: a PNG of one colour, a one-page PDF with a line of text, a plain-text note.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A solid-colour RGB PNG, base64. 200 × 200 costs about 53 input tokens (width × height / 750). */
export function solidPng(width = 200, height = 200, rgb: [number, number, number] = [0x2e, 0x8b, 0x57]): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}

/** A one-page PDF whose page shows `lines` (uncompressed, so any reader finds the text), base64. */
export function textPdf(lines: string[]): string {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 50 750 Td 16 TL ${lines.map((l) => `(${escape(l)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}

/** A short note about a made-up lighthouse: plain words any tokenizer counts as at least one token each. */
export const LIGHTHOUSE_NOTE = [
  'The lamp at Kell Point lighthouse is painted green.',
  'It was first lit in the spring of 1891 by a keeper named Ada Morrow, who kept a daily log of wind, tide and fog.',
  'The tower stands on a low shelf of black rock at the mouth of a narrow bay, and its light can be seen from twenty miles out at sea.',
  'In winter storms the keepers climbed the one hundred and twelve steps every four hours to trim the wick and wind the clockwork that turned the lens.',
  "The station was automated in 1968, and the old keeper's cottage is now a small museum with maps, logbooks and a brass foghorn.",
  'Visitors can walk to the point at low tide along a path marked with white stones.',
].join(' ');

/** A long, varied text of at least `tokens` words (each at least one token), to fill a cacheable prefix. */
export function longPrefix(tokens: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 1; n < tokens; i += 1) {
    const line = `Entry ${i} of the reference log: the keeper noted wind from the ${['north', 'south', 'east', 'west'][i % 4]}, a ${['calm', 'rough', 'grey', 'bright'][(i >> 2) % 4]} sea and ${(i * 7) % 13} ships passing before dawn.`;
    out.push(line);
    n += line.split(/\s+/).length;
  }
  return out.join('\n');
}
