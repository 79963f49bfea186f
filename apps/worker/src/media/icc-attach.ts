import { crc32, deflateSync } from 'node:zlib';

/**
 * Embeds an ICC profile into an encoded JPEG, PNG or TIFF without touching its
 * pixels — container surgery only. Why not sharp's `withIccProfile`: for an image
 * whose pixels are already in the profile's space it still runs an ICC transform
 * (≈ 30–60 ms on 12 MP for sRGB → sRGB), and for raw 16-bit input it assumes the
 * pixels are Display P3 and converts them, desaturating an sRGB image.
 *
 * Each function expects the encoder's own output (libvips' writers) and throws on
 * anything it does not recognise, so a surprise is a failed job, never a corrupt file.
 */
export type IccAttachableFormat = 'jpeg' | 'png' | 'tiff';

export function canAttachIccProfile(format: string): format is IccAttachableFormat {
  return format === 'jpeg' || format === 'png' || format === 'tiff';
}

export function attachIccProfile(encoded: Buffer, format: IccAttachableFormat, icc: Buffer): Buffer {
  switch (format) {
    case 'jpeg':
      return attachToJpeg(encoded, icc);
    case 'png':
      return attachToPng(encoded, icc);
    case 'tiff':
      return attachToTiff(encoded, icc);
  }
}

/** The bytes of the ICC profile that a JPEG carries after `ICC_PROFILE\0`, seq, count in each APP2 segment. */
const JPEG_ICC_SIGNATURE = Buffer.from('ICC_PROFILE\0', 'latin1');
/** A JPEG segment holds 65533 bytes after its marker and length; 14 go to the signature and sequence numbers. */
const JPEG_ICC_CHUNK = 65533 - 2 - JPEG_ICC_SIGNATURE.length - 2;

function attachToJpeg(jpeg: Buffer, icc: Buffer): Buffer {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('attachIccProfile: not a JPEG');
  // After SOI and any APP0 (JFIF) / APP1 (Exif), which readers expect first.
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && (jpeg[at + 1] === 0xe0 || jpeg[at + 1] === 0xe1)) at += 2 + jpeg.readUInt16BE(at + 2);
  const count = Math.ceil(icc.length / JPEG_ICC_CHUNK);
  if (count > 255) throw new Error('attachIccProfile: profile too large for a JPEG');
  const segments: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const part = icc.subarray(i * JPEG_ICC_CHUNK, (i + 1) * JPEG_ICC_CHUNK);
    const head = Buffer.alloc(4 + JPEG_ICC_SIGNATURE.length + 2);
    head.writeUInt16BE(0xffe2, 0);
    head.writeUInt16BE(2 + JPEG_ICC_SIGNATURE.length + 2 + part.length, 2);
    JPEG_ICC_SIGNATURE.copy(head, 4);
    head[4 + JPEG_ICC_SIGNATURE.length] = i + 1;
    head[5 + JPEG_ICC_SIGNATURE.length] = count;
    segments.push(head, part);
  }
  return Buffer.concat([jpeg.subarray(0, at), ...segments, jpeg.subarray(at)]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function attachToPng(png: Buffer, icc: Buffer): Buffer {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('attachIccProfile: not a PNG');
  // iCCP: keyword, NUL, compression method 0 (zlib), the compressed profile; right after IHDR.
  const data = Buffer.concat([Buffer.from('ICC profile\0', 'latin1'), Buffer.from([0]), deflateSync(icc)]);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), pngChunk('iCCP', data), png.subarray(ihdrEnd)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return chunk;
}

/** TIFF tag 34675: InterColorProfile, type UNDEFINED (7). */
const TIFF_ICC_TAG = 34675;

/**
 * The first IFD is rewritten at the end of the file with the profile's entry added
 * (entries stay sorted by tag, as TIFF requires); every other byte stays where it
 * was, so the offsets the old entries hold remain valid.
 */
function attachToTiff(tiff: Buffer, icc: Buffer): Buffer {
  const order = tiff.toString('latin1', 0, 2);
  if ((order !== 'II' && order !== 'MM') || tiff.length < 8) throw new Error('attachIccProfile: not a TIFF');
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) throw new Error('attachIccProfile: not a classic TIFF');
  const ifd = u32(4);
  const count = u16(ifd);
  const entries: Buffer[] = [];
  for (let i = 0; i < count; i++) entries.push(tiff.subarray(ifd + 2 + 12 * i, ifd + 14 + 12 * i));
  const next = tiff.subarray(ifd + 2 + 12 * count, ifd + 6 + 12 * count);
  const tagOf = (entry: Buffer) => (le ? entry.readUInt16LE(0) : entry.readUInt16BE(0));
  if (entries.some((entry) => tagOf(entry) === TIFF_ICC_TAG)) throw new Error('attachIccProfile: the TIFF already has a profile');

  // Layout of the tail: [padding to even] [profile] [padding] [new IFD].
  const profileAt = tiff.length + (tiff.length % 2);
  const ifdAt = profileAt + icc.length + ((profileAt + icc.length) % 2);
  const entry = Buffer.alloc(12);
  const w16 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const w32 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  w16(entry, TIFF_ICC_TAG, 0);
  w16(entry, 7, 2);
  w32(entry, icc.length, 4);
  w32(entry, profileAt, 8);
  const sorted = [...entries, entry].sort((a, b) => tagOf(a) - tagOf(b));
  const newIfd = Buffer.alloc(2 + 12 * sorted.length + 4);
  w16(newIfd, sorted.length, 0);
  sorted.forEach((e, i) => e.copy(newIfd, 2 + 12 * i));
  next.copy(newIfd, 2 + 12 * sorted.length);

  const header = Buffer.from(tiff.subarray(0, 8));
  w32(header, ifdAt, 4);
  return Buffer.concat([
    header,
    tiff.subarray(8),
    Buffer.alloc(profileAt - tiff.length),
    icc,
    Buffer.alloc(ifdAt - profileAt - icc.length),
    newIfd,
  ]);
}
