import { gridLayout, sampleFrames, tileFrames } from './frame-grid';

function solid(width: number, height: number, value: number) {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height, channels: 3 as const };
}

describe('frame grid for a clip fit', () => {
  it('lays out a near-square grid that fits the fit proxy', () => {
    expect(gridLayout(1)).toEqual({ columns: 1, rows: 1, tileSide: 512 });
    expect(gridLayout(8)).toEqual({ columns: 3, rows: 3, tileSide: 170 });
    expect(gridLayout(4).columns * gridLayout(4).tileSide).toBeLessThanOrEqual(512);
  });

  it('tiles frames cell by cell and fills a short last row with the last frame (no synthetic black)', () => {
    const grid = tileFrames([solid(2, 1, 10), solid(2, 1, 20), solid(2, 1, 30)]);
    expect([grid.width, grid.height]).toEqual([4, 2]);
    // Row 0: frames 0 and 1; row 1: frame 2 and frame 2 again.
    expect(Array.from(grid.data.subarray(0, 12))).toEqual([10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20]);
    expect(Array.from(grid.data.subarray(12, 24))).toEqual(new Array(12).fill(30));
  });

  it('spreads samples evenly across a range, inside it', () => {
    expect(sampleFrames(0, 99, 4)).toEqual([12, 37, 62, 87]);
    expect(sampleFrames(10, 12, 8)).toEqual([10, 11, 12]);
    expect(sampleFrames(5, 5, 3)).toEqual([5]);
    expect(sampleFrames(6, 5, 3)).toEqual([]);
  });
});
