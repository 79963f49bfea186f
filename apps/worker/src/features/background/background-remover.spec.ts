import { frameForMap, mapPlane, refineSettings } from './background-remover.service';

describe('background remover settings', () => {
  it('reads a [1, 1, H, W] or [1, H, W] map and refuses anything else', () => {
    expect(mapPlane({ data: new Float32Array(6), dims: [1, 1, 2, 3] }, 'm')).toMatchObject({ width: 3, height: 2 });
    expect(mapPlane({ data: new Float32Array(6), dims: [1, 2, 3] }, 'm')).toMatchObject({ width: 3, height: 2 });
    expect(() => mapPlane({ data: new Float32Array(12), dims: [1, 2, 2, 3] }, 'm')).toThrow(/one map/);
  });

  it('re-expresses a letterboxed frame in a smaller output map', () => {
    const frame = { inputWidth: 1024, inputHeight: 1024, contentWidth: 1024, contentHeight: 512, offsetX: 0, offsetY: 256, sourceWidth: 4000, sourceHeight: 2000 };
    expect(frameForMap(frame, 1024, 1024)).toBe(frame);
    expect(frameForMap(frame, 256, 256)).toEqual({ ...frame, inputWidth: 256, inputHeight: 256, contentWidth: 256, contentHeight: 128, offsetX: 0, offsetY: 64 });
  });

  it('grows the radius with the upscale and goes to blocks above 4 MP', () => {
    expect(refineSettings(1000, 800, 1024, 1024)).toMatchObject({ radius: 2, subsample: 1 });
    expect(refineSettings(4000, 3000, 1024, 1024)).toMatchObject({ radius: 8, subsample: 2 });
  });
});
