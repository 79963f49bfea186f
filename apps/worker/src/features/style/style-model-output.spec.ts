import { inputFrame } from '../../media/models/model-image-io';
import type { ModelImageInput } from '../../media/models/model-manifest';
import { modelOutputToImage } from './style-model-output';

const input = (layout: 'nchw' | 'nhwc', resize: 'letterbox' | 'stretch'): ModelImageInput => ({
  name: 'x',
  shape: layout === 'nchw' ? [1, 3, 4, 4] : [1, 4, 4, 3],
  layout,
  mean: [127.5, 127.5, 127.5],
  std: [127.5, 127.5, 127.5],
  resize,
});

describe('modelOutputToImage', () => {
  it('inverts the normalisation of an NCHW output and cuts a letterbox away', () => {
    // A 4×2 source letterboxed into 4×4: content rows 1–2.
    const frame = inputFrame(4, 2, { width: 4, height: 4 }, 'letterbox');
    expect(frame).toMatchObject({ contentWidth: 4, contentHeight: 2, offsetY: 1 });
    const data = new Float32Array(3 * 16).fill(-1); // padding: black
    for (let x = 0; x < 4; x++) {
      data[0 * 16 + 4 + x] = 1; // R of row 1 → 255
      data[1 * 16 + 8 + x] = 0; // G of row 2 → 127.5 → 128
    }
    const out = modelOutputToImage({ data, dims: [1, 3, 4, 4] }, input('nchw', 'letterbox'), frame);
    expect(out).toMatchObject({ width: 4, height: 2, channels: 3 });
    expect(Array.from(out.data.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(out.data.subarray(12, 15))).toEqual([0, 128, 0]);
  });

  it('reads NHWC, clamps, and refuses an output of another size', () => {
    const frame = inputFrame(4, 4, { width: 4, height: 4 }, 'stretch');
    const data = new Float32Array(48).fill(3); // far above 1 → 255
    const out = modelOutputToImage({ data, dims: [1, 4, 4, 3] }, input('nhwc', 'stretch'), frame);
    expect(Array.from(out.data).every((v) => v === 255)).toBe(true);
    expect(() => modelOutputToImage({ data: new Float32Array(27), dims: [1, 3, 3, 3] }, input('nchw', 'stretch'), frame)).toThrow(/expected an image of the input's size 4×4/);
  });
});
