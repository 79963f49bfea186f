import type { RgbImage } from '@gradekit/color';
import type { ModelImageInput } from './model-manifest';
import { inputFrame, inputSize, ModelImageIO } from './model-image-io';

/** A w×h RGB image: left half red, right half blue. */
function halves(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      if (x < width / 2) data[p] = 255;
      else data[p + 2] = 255;
    }
  }
  return { data, width, height, channels: 3 };
}

const nchw = (resize: ModelImageInput['resize']): ModelImageInput => ({
  name: 'input',
  shape: [1, 3, 8, 8],
  layout: 'nchw',
  mean: [128, 128, 128],
  std: [256, 256, 256],
  resize,
  pad: 0,
});

describe('model input placement', () => {
  it('letterboxes a wide image centred, keeping its aspect', () => {
    expect(inputFrame(400, 200, { width: 8, height: 8 }, 'letterbox')).toEqual({
      inputWidth: 8,
      inputHeight: 8,
      contentWidth: 8,
      contentHeight: 4,
      offsetX: 0,
      offsetY: 2,
      sourceWidth: 400,
      sourceHeight: 200,
    });
    expect(inputFrame(400, 200, { width: 8, height: 8 }, 'stretch')).toMatchObject({ contentWidth: 8, contentHeight: 8, offsetX: 0, offsetY: 0 });
  });

  it('reads the size from NCHW and NHWC shapes, and needs one for dynamic dimensions', () => {
    expect(inputSize(nchw('stretch'))).toEqual({ width: 8, height: 8 });
    expect(inputSize({ ...nchw('stretch'), layout: 'nhwc', shape: [1, 256, 128, 3] })).toEqual({ width: 128, height: 256 });
    expect(() => inputSize({ ...nchw('stretch'), shape: [1, 3, 'h', 'w'] })).toThrow(/dynamic dimensions/);
    expect(inputSize({ ...nchw('stretch'), shape: [1, 3, -1, -1] }, { width: 30, height: 20 })).toEqual({ width: 30, height: 20 });
  });
});

describe('ModelImageIO', () => {
  const io = new ModelImageIO();

  it('normalises into NCHW planes with the padding value in the letterbox bars', async () => {
    const { tensor, frame } = await io.toTensor(halves(16, 8), nchw('letterbox'));
    expect(tensor.dims).toEqual([1, 3, 8, 8]);
    expect(frame).toMatchObject({ contentHeight: 4, offsetY: 2 });
    const at = (c: number, y: number, x: number) => tensor.data[c * 64 + y * 8 + x];
    expect(at(0, 4, 1)).toBeCloseTo((255 - 128) / 256, 5); // red plane, left half
    expect(at(2, 4, 1)).toBeCloseTo((0 - 128) / 256, 5);
    expect(at(2, 4, 6)).toBeCloseTo((255 - 128) / 256, 5); // blue plane, right half
    expect(at(0, 0, 1)).toBeCloseTo(-0.5, 5); // a bar: pad 0 → (0 − 128) / 256
  });

  it('interleaves NHWC', async () => {
    const input: ModelImageInput = { ...nchw('stretch'), layout: 'nhwc', shape: [1, 8, 8, 3], mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] };
    const { tensor } = await io.toTensor(halves(8, 8), input);
    expect(tensor.dims).toEqual([1, 8, 8, 3]);
    expect(Array.from(tensor.data.slice(0, 3))).toEqual([1, -1, -1]);
    expect(Array.from(tensor.data.slice(7 * 3, 8 * 3))).toEqual([-1, -1, 1]);
  });

  it('maps a matte back to full resolution, cutting the letterbox bars away', async () => {
    const frame = inputFrame(32, 16, { width: 8, height: 8 }, 'letterbox'); // content rows 2–5
    const map = new Float32Array(64);
    for (let y = 2; y < 6; y++) for (let x = 0; x < 4; x++) map[y * 8 + x] = 1; // left half of the content is foreground
    const matte = await io.mapToSource(map, frame);
    expect(matte.length).toBe(32 * 16);
    expect(matte[8 * 32 + 2]).toBe(255); // a left pixel of the middle row
    expect(matte[8 * 32 + 29]).toBe(0); // a right one
    expect(matte[0]).toBe(255); // the top row maps to content row 2, not to the bar above it
  });
});
