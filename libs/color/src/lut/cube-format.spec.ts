import { bakeLut } from './lut-bake';
import { identityLut } from './lut3d';
import { CubeParseError, formatFloat32, parseCube, writeCube } from './cube-format';
import { haldToLut, lutToHald } from './hald-clut';
import { createRng } from '../util/rng';

describe('.cube', () => {
  const rng = createRng(11);
  const lut = bakeLut((rgb) => {
    for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(1, Math.max(0, rgb[i] * 0.93 + (rng() - 0.5) * 0.01));
  }, 17, { title: 'test "grade"' });

  it('writes the header in the order ffmpeg needs and red fastest', () => {
    const text = writeCube(identityLut(2), { comments: ['Gradekit', 'second line'], title: 'id' });
    expect(text.split('\n').slice(0, 9)).toEqual([
      '# Gradekit',
      '# second line',
      'TITLE "id"',
      'LUT_3D_SIZE 2',
      'DOMAIN_MIN 0.000000 0.000000 0.000000',
      'DOMAIN_MAX 1.00000 1.00000 1.00000',
      '0.000000 0.000000 0.000000',
      '1.00000 0.000000 0.000000',
      '0.000000 1.00000 0.000000',
    ]);
  });

  it('round-trips bit-exactly', () => {
    const back = parseCube(writeCube(lut));
    expect(back.size).toBe(17);
    expect(back.title).toBe('test  grade ');
    expect(back.domainMin).toEqual([0, 0, 0]);
    expect(Buffer.from(back.data.buffer).equals(Buffer.from(lut.data.buffer))).toBe(true);
    for (const v of [1e-7, 0.1, 1 / 3, 0.999999, 123.456, -0.25]) expect(Math.fround(Number(formatFloat32(v)))).toBe(Math.fround(v));
  });

  it('reads comments, CRLF, INPUT_RANGE, keywords and scientific notation', () => {
    const text = ['# made elsewhere', 'TITLE "x"', 'LUT_3D_INPUT_RANGE 0.0 1.0', 'LUT_3D_SIZE 2', 'LUT_IN_VIDEO_RANGE', '', '0 0 0', '1e0 0 0  # red', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1.0'].join('\r\n');
    const l = parseCube(text);
    expect(Array.from(l.data)).toEqual(Array.from(identityLut(2).data));
    expect(l.title).toBe('x');
  });

  it.each([
    ['LUT_3D_SIZE 2\n0 0 0\n1 0\n', /line 3: a data line needs exactly three numbers/],
    ['LUT_3D_SIZE 2\n0 0 0\n1 0 zero\n', /line 3:.*'1 0 zero'/],
    ['LUT_3D_SIZE 1\n', /line 1: LUT_3D_SIZE must be an integer in 2\.\.129/],
    ['LUT_3D_SIZE 2\n0 0 0\n', /expected 8 data lines for LUT_3D_SIZE 2, found 1/],
    ['0 0 0\nLUT_3D_SIZE 2\n', /line 1: data before LUT_3D_SIZE/],
    ['TITLE "a"\n', /no LUT_3D_SIZE/],
    ['LUT_1D_SIZE 1024\n', /line 1: 1D LUTs/],
    ['LUT_3D_SIZE 2\nDOMAIN_MIN 0 0\n', /line 2: DOMAIN_MIN needs exactly three numbers/],
    ['LUT_3D_SIZE 2\n' + '0 0 0\n'.repeat(9), /line 10: more than 8 data lines/],
    ['LUT_3D_SIZE 2\nDOMAIN_MIN 1 1 1\nDOMAIN_MAX 0 0 0\n' + '0 0 0\n'.repeat(8), /DOMAIN_MAX must be greater/],
    // Infinity in number form is refused like nan, naming the line.
    ['LUT_3D_SIZE 2\n0 0 0\n1e999 0 0\n', /line 3: a data line has a number out of range \(got '1e999 0 0'\)/],
    ['LUT_3D_SIZE 2\nDOMAIN_MAX 1 -1e400 1\n', /line 2: DOMAIN_MAX has a number out of range/],
    ['LUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE 0 1e999\n', /line 2: LUT_3D_INPUT_RANGE needs two finite numbers/],
  ])('rejects %j with a clear error', (text, message) => {
    expect(() => parseCube(text)).toThrow(CubeParseError);
    expect(() => parseCube(text)).toThrow(message);
  });
});

describe('Hald CLUT', () => {
  it('identity Hald of level 4 is the identity 16³ LUT, and round-trips', () => {
    const img = lutToHald(identityLut(16), 4, 16);
    expect([img.width, img.height]).toEqual([64, 64]);
    // First row: red ramps fastest over the first 16 pixels.
    expect(img.data[3 * 15]).toBe(65535);
    expect(img.data[3 * 16 + 1]).toBe(Math.round(65535 / 15));
    const back = haldToLut(img);
    expect(back.size).toBe(16);
    let worst = 0;
    back.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - identityLut(16).data[i]))));
    expect(worst).toBeLessThan(1e-5);
  });
  it('resamples other sizes to level² and rejects non-Hald images', () => {
    expect(lutToHald(identityLut(33), 8, 8).width).toBe(512);
    expect(() => haldToLut({ width: 60, height: 60, channels: 3, data: new Uint8Array(60 * 60 * 3) })).toThrow(/Hald/);
  });
});
