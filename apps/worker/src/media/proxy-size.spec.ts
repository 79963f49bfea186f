import { ANALYSIS_PROXY_SIDE, proxySize } from './proxy-size';

describe('proxySize', () => {
  it('keeps images that already fit, never enlarging them', () => {
    expect(proxySize(512, 512)).toEqual({ width: 512, height: 512 });
    expect(proxySize(300, 200)).toEqual({ width: 300, height: 200 });
    expect(proxySize(1, 1)).toEqual({ width: 1, height: 1 });
  });

  it('scales the long side to exactly the limit and keeps the aspect ratio', () => {
    expect(proxySize(4000, 3000)).toEqual({ width: 512, height: 384 });
    expect(proxySize(3000, 4000)).toEqual({ width: 384, height: 512 });
    expect(proxySize(1024, 1024)).toEqual({ width: 512, height: 512 });
    expect(proxySize(640, 400)).toEqual({ width: 512, height: 320 });
    expect(proxySize(6000, 4000, 1000)).toEqual({ width: 1000, height: 667 }); // 666.67 rounds up
  });

  it('never collapses a thin side to zero', () => {
    expect(proxySize(10000, 3)).toEqual({ width: 512, height: 1 });
    expect(proxySize(2, 5000)).toEqual({ width: 1, height: 512 });
  });

  it('uses the documented 512 px proxy', () => {
    expect(ANALYSIS_PROXY_SIDE).toBe(512);
  });

  it('rejects impossible sizes', () => {
    expect(() => proxySize(0, 10)).toThrow(RangeError);
    expect(() => proxySize(10.5, 10)).toThrow(RangeError);
    expect(() => proxySize(10, 10, 0)).toThrow(RangeError);
  });
});
