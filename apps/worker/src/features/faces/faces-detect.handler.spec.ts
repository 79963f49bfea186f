import { toSourceFace } from './faces-detect.handler';

describe('faces_detect result mapping', () => {
  it("maps a proxy's detection to whole source pixels inside the image", () => {
    const out = toSourceFace({ box: { x: 10.4, y: 20.6, width: 50, height: 50 }, score: 0.884567, landmarks: [{ name: 'nose_tip', x: 30.04, y: 40 }] }, 4, 4, 200, 200);
    expect(out).toEqual({ box: { x: 42, y: 82, width: 200 - 42, height: 200 - 82 }, score: 0.8846, landmarks: [{ name: 'nose_tip', x: 120.2, y: 160 }] });
  });
});
