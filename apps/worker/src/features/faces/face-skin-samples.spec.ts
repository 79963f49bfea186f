import { srgbToOklab, type RgbImage } from '@gradekit/color';
import { BLAZEFACE_KEYPOINTS, type FaceDetection } from './blazeface.decoder';
import { faceSkinModel, oklabSamples, skinRegion } from './face-skin-samples';

/** A face in a 200×200 image: box (50,40)–(150,140), eyes at y 80, mouth at y 120. */
function face(overrides: Partial<Record<(typeof BLAZEFACE_KEYPOINTS)[number], [number, number]>> = {}, drop: string[] = []): FaceDetection {
  const at: Record<string, [number, number]> = { right_eye: [80, 80], left_eye: [120, 80], nose_tip: [100, 100], mouth: [100, 120], right_ear_tragion: [55, 90], left_ear_tragion: [145, 90], ...overrides };
  return {
    box: { x: 50, y: 40, width: 100, height: 100 },
    score: 0.9,
    landmarks: BLAZEFACE_KEYPOINTS.filter((n) => !drop.includes(n)).map((name) => ({ name, x: at[name][0], y: at[name][1] })),
  };
}

/** 200×200 RGB: blue background, `skin` inside the face's cheek band (x 76–124, y 88–110), dark "eyes" and "mouth" rows. */
function portrait(skin: [number, number, number]): RgbImage {
  const data = new Uint8Array(200 * 200 * 3);
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 200; x++) {
      const inFace = x >= 50 && x < 150 && y >= 40 && y < 140;
      const eyes = inFace && y >= 76 && y < 84;
      const lips = inFace && y >= 115 && y < 125;
      const c = eyes ? [20, 20, 20] : lips ? [160, 40, 50] : inFace ? skin : [30, 60, 200];
      data.set(c, (y * 200 + x) * 3);
    }
  }
  return { data, width: 200, height: 200, channels: 3 };
}

describe('face skin samples', () => {
  it('samples the band between the eyes and the mouth, clear of both', () => {
    // eyes at y 80, mouth at 120: drop 40 → y 88..110; eye distance 40 → x 76..124.
    expect(skinRegion(face(), 200, 200)).toEqual({ x0: 76, x1: 124, y0: 88, y1: 110 });
  });

  it("falls back to the box's centre without usable landmarks, and clamps to the image", () => {
    expect(skinRegion(face({}, ['mouth']), 200, 200)).toEqual({ x0: 75, x1: 125, y0: 85, y1: 110 });
    expect(skinRegion(face({ mouth: [100, 70] }), 200, 200)).toEqual({ x0: 75, x1: 125, y0: 85, y1: 110 }); // upside down
    expect(skinRegion(face({ right_eye: [-30, 80] }), 200, 200).x0).toBe(0);
  });

  it('reads Oklab samples of the region, subsampled past 4096 pixels', () => {
    const image = portrait([200, 150, 120]);
    const samples = oklabSamples(image, { x0: 76, x1: 124, y0: 88, y1: 110 });
    expect(samples.length).toBe(48 * 22 * 3);
    const [L, a, b] = srgbToOklab(200 / 255, 150 / 255, 120 / 255);
    expect(samples[0]).toBeCloseTo(L, 5);
    expect(samples[1]).toBeCloseTo(a, 5);
    expect(samples[2]).toBeCloseTo(b, 5);
    expect(oklabSamples(image, { x0: 0, x1: 200, y0: 0, y1: 200 }).length / 3).toBeLessThanOrEqual(4096);
    expect(oklabSamples(image, { x0: 10, x1: 10, y0: 0, y1: 5 }).length).toBe(0);
  });

  it("centres the model on the face's skin, not the eyes, lips or background", () => {
    const skin: [number, number, number] = [200, 150, 120];
    const model = faceSkinModel(portrait(skin), [face()]);
    expect(model?.ellipses).toHaveLength(1);
    const [L, , b] = srgbToOklab(skin[0] / 255, skin[1] / 255, skin[2] / 255);
    expect(model!.ellipses[0].mean[0]).toBeCloseTo(L, 4);
    expect(model!.ellipses[0].mean[2]).toBeCloseTo(b, 4);
  });

  it('gives no model for a face too small to sample', () => {
    const tiny: FaceDetection = { box: { x: 10, y: 10, width: 6, height: 6 }, score: 0.9, landmarks: [] };
    expect(faceSkinModel(portrait([200, 150, 120]), [tiny])).toBeNull();
    expect(faceSkinModel(portrait([200, 150, 120]), [])).toBeNull();
  });
});
