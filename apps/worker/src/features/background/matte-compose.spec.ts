import { composite, cropImage, cutout, foregroundFraction, luminance, maskImage, padBox, parseHexColor, subjectBox, to8Bit, withSourceAlpha, type Rgb8Image } from './matte-compose';

/** A 4 × 3 RGB image whose pixel i is (i, 100 + i, 200 + i). */
function image(): Rgb8Image {
  const data = new Uint8Array(12 * 3);
  for (let i = 0; i < 12; i++) data.set([i, 100 + i, 200 + i], i * 3);
  return { data, width: 4, height: 3, channels: 3 };
}

// Subject: pixels (1,1) and (2,1) opaque, (2,2) half.
const MATTE = Uint8Array.from([0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 128, 0]);

describe('matte compose', () => {
  it('finds the subject box at alpha ≥ 128 and pads it within the image', () => {
    expect(subjectBox(MATTE, 4, 3)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    expect(subjectBox(MATTE, 4, 3, 200)).toEqual({ x: 1, y: 1, width: 2, height: 1 });
    expect(subjectBox(new Uint8Array(12), 4, 3)).toBeNull();
    expect(padBox({ x: 1, y: 1, width: 2, height: 2 }, 1, 4, 3)).toEqual({ x: 0, y: 0, width: 4, height: 3 });
    expect(padBox({ x: 1, y: 1, width: 2, height: 1 }, 0, 4, 3)).toEqual({ x: 1, y: 1, width: 2, height: 1 });
    expect(padBox({ x: 100, y: 50, width: 20, height: 10 }, 30, 130, 200)).toEqual({ x: 70, y: 20, width: 60, height: 70 });
  });

  it('cuts out: colours kept under alpha, black where fully transparent', () => {
    const out = cutout(image(), MATTE);
    expect(out.channels).toBe(4);
    expect([...out.data.subarray(5 * 4, 5 * 4 + 4)]).toEqual([5, 105, 205, 255]);
    expect([...out.data.subarray(10 * 4, 10 * 4 + 4)]).toEqual([10, 110, 210, 128]);
    expect([...out.data.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
  });

  it('writes the mask as grey and reports the mean alpha', () => {
    const mask = maskImage(MATTE, 4, 3);
    expect([...mask.data.subarray(30, 33)]).toEqual([128, 128, 128]);
    expect(foregroundFraction(MATTE)).toBeCloseTo((255 * 2 + 128) / (255 * 12), 6);
  });

  it('composites over a colour and over an image', () => {
    const over = composite(image(), MATTE, [255, 0, 0]);
    expect([...over.data.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect([...over.data.subarray(15, 18)]).toEqual([5, 105, 205]);
    const a = 128 / 255;
    expect([...over.data.subarray(30, 33)]).toEqual([Math.round(a * 10 + (1 - a) * 255), Math.round(a * 110), Math.round(a * 210)]);
    const back: Rgb8Image = { data: new Uint8Array(12 * 4).fill(50), width: 4, height: 3, channels: 4 };
    const overImage = composite(image(), MATTE, back);
    expect([...overImage.data.subarray(0, 3)]).toEqual([50, 50, 50]);
    expect(() => composite(image(), MATTE, { ...back, width: 3 })).toThrow(RangeError);
  });

  it('crops any channel count', () => {
    const crop = cropImage(image(), { x: 1, y: 1, width: 2, height: 2 });
    expect([crop.width, crop.height]).toEqual([2, 2]);
    expect([...crop.data]).toEqual([5, 105, 205, 6, 106, 206, 9, 109, 209, 10, 110, 210]);
    const rgba = cropImage(cutout(image(), MATTE), { x: 2, y: 2, width: 1, height: 1 });
    expect([...rgba.data]).toEqual([10, 110, 210, 128]);
  });

  it('parses #rgb and #rrggbb, with or without #', () => {
    expect(parseHexColor('#ffffff')).toEqual([255, 255, 255]);
    expect(parseHexColor('0a8')).toEqual([0, 170, 136]);
    expect(parseHexColor('#1E90ff')).toEqual([30, 144, 255]);
    expect(() => parseHexColor('#12345')).toThrow(RangeError);
  });

  it('keeps a transparent input transparent, makes 8 bits of 16 and luma of RGB', () => {
    const rgba: Rgb8Image = { data: Uint8Array.from([9, 9, 9, 0, 9, 9, 9, 255, 9, 9, 9, 51]), width: 3, height: 1, channels: 4 };
    expect([...withSourceAlpha(Uint8Array.from([255, 255, 255]), rgba)]).toEqual([0, 255, 51]);
    const sixteen = to8Bit({ data: Uint16Array.from([0, 65535, 257 * 100]), width: 1, height: 1, channels: 3 });
    expect([...sixteen.data]).toEqual([0, 255, 100]);
    expect([...luminance({ data: Uint8Array.from([255, 0, 0, 0, 255, 0, 255, 255, 255]), width: 3, height: 1, channels: 3 })]).toEqual([54, 182, 255]);
  });
});
