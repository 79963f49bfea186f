/**
 * Recognises image formats from their first bytes, so the api can refuse what the
 * worker could not decode (415) without decoding anything itself.
 */
export interface ImageType {
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'heif' | 'tiff' | 'gif';
  contentType: string;
  extension: string;
}

const TYPES: Record<ImageType['format'], ImageType> = {
  jpeg: { format: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' },
  png: { format: 'png', contentType: 'image/png', extension: 'png' },
  webp: { format: 'webp', contentType: 'image/webp', extension: 'webp' },
  avif: { format: 'avif', contentType: 'image/avif', extension: 'avif' },
  heif: { format: 'heif', contentType: 'image/heif', extension: 'heic' },
  tiff: { format: 'tiff', contentType: 'image/tiff', extension: 'tiff' },
  gif: { format: 'gif', contentType: 'image/gif', extension: 'gif' },
};

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((value, index) => bytes[offset + index] === value);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return TYPES.webp;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return TYPES.tiff;
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return TYPES.gif;
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand === 'avif' || brand === 'avis') return TYPES.avif;
    if (['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return TYPES.heif;
  }
  return null;
}

export const SUPPORTED_IMAGE_FORMATS = Object.keys(TYPES);
