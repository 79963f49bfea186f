import { imageToPlanes, lumaOfPlanes, planesToImage } from './style-planes';

describe('style planes', () => {
  it('turns interleaved RGBA 8-bit into planar 0–1 RGB and back, alpha copied from the source', () => {
    const image = { data: Uint8Array.of(255, 0, 51, 7, 0, 102, 255, 200), width: 2, height: 1, channels: 4 as const };
    const planes = imageToPlanes(image);
    expect(Array.from(planes, (v) => +v.toFixed(3))).toEqual([1, 0, 0, 0.4, 0.2, 1]);
    const back = planesToImage(planes, image);
    expect(Array.from(back.data)).toEqual([255, 0, 51, 7, 0, 102, 255, 200]);
  });

  it('keeps 16-bit depth, clamps out-of-range values and refuses a wrong length', () => {
    const like = { data: new Uint16Array(3), width: 1, height: 1, channels: 3 as const };
    const back = planesToImage(Float32Array.of(1.5, -0.2, 0.5), like);
    expect(back.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(back.data)).toEqual([65535, 0, 32768]);
    expect(() => planesToImage(new Float32Array(2), like)).toThrow(RangeError);
  });

  it('takes Rec. 709 luma of the planes', () => {
    const luma = lumaOfPlanes(Float32Array.of(1, 0, 0, 1, 1, 0), 2) // pixel 0 magenta, pixel 1 green;
    expect(luma[0]).toBeCloseTo(0.2126 + 0.0722, 6);
    expect(luma[1]).toBeCloseTo(0.7152, 6);
  });
});
