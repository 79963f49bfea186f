import { decodeErrorCode } from './decode-error.classifier';

describe('decodeErrorCode', () => {
  it('maps libvips messages to public codes', () => {
    expect(decodeErrorCode('Input image exceeds pixel limit')).toBe('IMAGE_TOO_LARGE');
    expect(decodeErrorCode('Input buffer contains unsupported image format')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(decodeErrorCode('heif: Unsupported feature: Unsupported codec (4.3000)')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(decodeErrorCode('VipsForeignLoad: compression format has not been built in')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(decodeErrorCode('VipsJpeg: premature end of JPEG image')).toBe('INVALID_IMAGE');
    expect(decodeErrorCode('Input buffer has corrupt header: VipsJpeg: Bogus Huffman table definition')).toBe('INVALID_IMAGE');
    expect(decodeErrorCode('Input Buffer is empty')).toBe('INVALID_IMAGE');
  });
});
