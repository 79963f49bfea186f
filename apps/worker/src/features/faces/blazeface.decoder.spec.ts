import { BLAZEFACE_KEYPOINTS, blazeFaceOptions, decodeGrid, iou, sigmoid, toImagePixels, weightedOverlapRemoval, type BlazeFaceGrid, type RawDetection } from './blazeface.decoder';

const logit = (p: number) => Math.log(p / (1 - p));

/** A grid's outputs with every anchor scored `floor` except the ones given. */
function outputs(grid: BlazeFaceGrid, set: { index: number; score: number; box: number[] }[], floor = 0.01) {
  const n = grid.cells * grid.cells * grid.anchors;
  const scores = new Float32Array(n).fill(logit(floor));
  const boxes = new Float32Array(n * 16);
  for (const s of set) {
    scores[s.index] = logit(s.score);
    boxes.set(s.box, s.index * 16);
  }
  return { scores, boxes };
}

const det = (cx: number, cy: number, w: number, h: number, score: number, k = 0): RawDetection => ({ centerX: cx, centerY: cy, width: w, height: h, score, keypoints: new Array(12).fill(k) });

describe('BlazeFace decoding', () => {
  const grid: BlazeFaceGrid = { cells: 16, anchors: 2, scores: 's', boxes: 'b' };

  it('places a detection at its anchor plus the offsets in input pixels, index (y·C + x)·A + a, y down', () => {
    // Cell (x = 3, y = 5), second anchor: anchor (3.5/16, 5.5/16); offsets in 256-px input units.
    const index = (5 * 16 + 3) * 2 + 1;
    const box = [12.8, -25.6, 64, 51.2, ...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 2.56 * i : -2.56 * i))];
    const { scores, boxes } = outputs(grid, [{ index, score: 0.9 }].map((s) => ({ ...s, box })));
    const [d, ...rest] = decodeGrid(grid, scores, boxes, 256, 0.75);
    expect(rest).toHaveLength(0);
    expect(d.score).toBeCloseTo(0.9, 6);
    expect(d.centerX).toBeCloseTo(3.5 / 16 + 0.05, 6);
    expect(d.centerY).toBeCloseTo(5.5 / 16 - 0.1, 6);
    expect(d.width).toBeCloseTo(0.25, 6);
    expect(d.height).toBeCloseTo(0.2, 6);
    expect(d.keypoints[2]).toBeCloseTo(3.5 / 16 + 0.02, 6); // keypoint 1's x: anchor + 5.12 / 256
    expect(d.keypoints[3]).toBeCloseTo(5.5 / 16 - 0.03, 6); // keypoint 1's y: anchor − 7.68 / 256 (not flipped)
  });

  it('keeps only scores strictly above the threshold', () => {
    const { scores, boxes } = outputs(grid, [
      { index: 0, score: 0.76, box: [] },
      { index: 1, score: 0.74, box: [] },
      { index: 511, score: 0.99, box: [] },
    ]);
    expect(decodeGrid(grid, scores, boxes, 256, 0.75).map((d) => Math.round(d.score * 100))).toEqual([76, 99]);
    expect(decodeGrid(grid, scores, boxes, 256, 0.995)).toHaveLength(0);
    expect(decodeGrid(grid, scores, boxes, 256, 0)).toHaveLength(512);
  });

  it('refuses outputs shorter than the grid', () => {
    expect(() => decodeGrid(grid, new Float32Array(511), new Float32Array(512 * 16), 256, 0.5)).toThrow(/expected 512 scores/);
  });

  it('computes IoU of centre/size boxes', () => {
    expect(iou(det(0.5, 0.5, 0.2, 0.2, 1), det(0.5, 0.5, 0.2, 0.2, 1))).toBeCloseTo(1, 9);
    expect(iou(det(0.5, 0.5, 0.2, 0.2, 1), det(0.6, 0.5, 0.2, 0.2, 1))).toBeCloseTo(0.02 / 0.06, 9);
    expect(iou(det(0.2, 0.2, 0.1, 0.1, 1), det(0.8, 0.8, 0.1, 0.1, 1))).toBe(0);
  });

  it('merges overlapping detections score-weighted, keeping the best score, and leaves separate faces apart', () => {
    const merged = weightedOverlapRemoval([det(0.5, 0.5, 0.2, 0.2, 0.8, 0.1), det(0.52, 0.5, 0.2, 0.2, 0.9, 0.3), det(0.1, 0.1, 0.05, 0.05, 0.77)], 0.3);
    expect(merged).toHaveLength(2);
    expect(merged[0].score).toBeCloseTo(0.9, 9);
    expect(merged[0].centerX).toBeCloseTo((0.8 * 0.5 + 0.9 * 0.52) / 1.7, 9);
    expect(merged[0].keypoints[0]).toBeCloseTo((0.8 * 0.1 + 0.9 * 0.3) / 1.7, 9);
    expect(merged[1].centerX).toBeCloseTo(0.1, 9);
    expect(weightedOverlapRemoval([], 0.3)).toEqual([]);
  });

  it('maps letterboxed input coordinates to the pixels of the image, clamping the box', () => {
    // A 400×200 image letterboxed into 256²: content 256×128 at y offset 64.
    const frame = { inputWidth: 256, inputHeight: 256, contentWidth: 256, contentHeight: 128, offsetX: 0, offsetY: 64 };
    const face = toImagePixels({ ...det(0.5, 0.5, 0.25, 0.25, 0.9), keypoints: [0.5, 0.25, ...new Array(10).fill(0.5)] }, frame, 400, 200);
    expect(face.box.x).toBeCloseTo(150, 6);
    expect(face.box.width).toBeCloseTo(100, 6);
    expect(face.box.y).toBeCloseTo(50, 6); // (0.375·256 − 64) · 200/128
    expect(face.box.height).toBeCloseTo(100, 6);
    expect(face.landmarks.map((l) => l.name)).toEqual([...BLAZEFACE_KEYPOINTS]);
    expect(face.landmarks[0].y).toBeCloseTo(0, 6); // v = 0.25 is the content's top edge
    const edge = toImagePixels(det(0.02, 0.5, 0.2, 0.2, 0.9), frame, 400, 200);
    expect(edge.box.x).toBe(0);
    expect(edge.box.width).toBeCloseTo((0.12 * 256) * (400 / 256), 6);
  });

  it('reads grids and thresholds from the manifest options, and names the model when they are unusable', () => {
    const parsed = blazeFaceOptions('front', { grids: [{ cells: 16, anchors: 2, scores: 'a', boxes: 'b' }, { cells: 8, anchors: 6, scores: 'c', boxes: 'd' }] });
    expect(parsed).toEqual({ grids: [{ cells: 16, anchors: 2, scores: 'a', boxes: 'b' }, { cells: 8, anchors: 6, scores: 'c', boxes: 'd' }], scoreThreshold: 0.75, iouThreshold: 0.3 });
    expect(blazeFaceOptions('x', { grids: [{ cells: 4, anchors: 1, scores: 'a', boxes: 'b' }], score_threshold: 0.5 }).scoreThreshold).toBe(0.5);
    expect(() => blazeFaceOptions('odd', {})).toThrow(/"odd": options.grids/);
    expect(() => blazeFaceOptions('odd', { grids: [{ cells: 0, anchors: 2, scores: 'a', boxes: 'b' }] })).toThrow(/cells and anchors/);
    expect(() => blazeFaceOptions('odd', { grids: [{ cells: 4, anchors: 2, scores: 'a', boxes: 'b' }], iou_threshold: 2 })).toThrow(/iou_threshold/);
  });

  it('sigmoid is the logistic function', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(logit(0.88))).toBeCloseTo(0.88, 12);
  });
});
