/**
 * preserve_skin_tones with and without detected faces, and face detection on CPU.
 *
 * Skin kept: portraits (the astronaut test photo and three recoloured copies of it — warm,
 * cool, darker — so the skin is not always the same colour) are matched with the
 * `natural` method to six fixture photos, as MatchEngine does it (≤ 512 px proxies,
 * the modifier baked into the LUT): preserve_skin_tones 0 (off), 1 with the generic
 * skin-hue weight, 1 with the target's detected faces. Per pair, the mean ΔE2000
 * between the target and the graded result over the face (the inner ellipse of the
 * detected box: 80 % of its width, 90 % of its height) — lower is more skin kept — and
 * over the rest of the image (the grade that should still happen: higher is more of the
 * match kept).
 *
 * Detection: FaceDetector.detect's median time on the 512² astronaut and the handler's
 * path (decode to a ≤ 1024 px proxy + detect) on a 12 MP JPEG; the smallest detectable
 * face: the astronaut shrunk into a grey 1024² canvas at decreasing sizes.
 *
 *   node bench/common/run-ts.js bench/models/skin-tones.bench.ts
 *
 * Writes bench/results/skin-tones.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut, deltaE2000, matchColors, srgbToLabBuffer, type RgbImage } from '@gradekit/color';
import { faceSkinModel } from '../../apps/worker/src/features/faces/face-skin-samples';
import { DETECTION_PROXY_SIDE } from '../../apps/worker/src/features/faces/faces-detect.handler';
import type { FaceDetection } from '../../apps/worker/src/features/faces/blazeface.decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import { standaloneFaceDetector } from '../../tools/dev/make-faces-demo';
import { formatTable } from '../common/table';
import { measure } from '../common/timing';

const ROOT = path.resolve(__dirname, '..', '..');
const PHOTOS = path.join(ROOT, 'test', 'fixtures', 'photos');
const fixed = (v: number, digits: number) => Number(v.toFixed(digits));
const REFERENCES = ['coffee', 'rocket', 'hubble_deep_field', 'motorcycle_left', 'retina', 'chelsea'];

/** The portraits: the astronaut as it is and recoloured (a linear recomb per channel, then a gain). */
const PORTRAITS: { name: string; recomb?: number[][]; gain?: number }[] = [
  { name: 'astronaut' },
  { name: 'astronaut_warm', recomb: [[1.1, 0, 0], [0, 0.95, 0], [0, 0, 0.75]] },
  { name: 'astronaut_cool', recomb: [[0.85, 0, 0], [0, 0.97, 0], [0, 0, 1.15]] },
  { name: 'astronaut_dark', recomb: [[0.62, 0, 0], [0, 0.5, 0], [0, 0, 0.45]] },
];

async function rgb(bytes: Buffer | string, maxSide: number): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}

async function portrait(p: (typeof PORTRAITS)[number]): Promise<Buffer> {
  let pipeline = sharp(path.join(PHOTOS, 'astronaut.jpg'));
  if (p.recomb) pipeline = pipeline.recomb(p.recomb as [[number, number, number], [number, number, number], [number, number, number]]);
  return pipeline.png().toBuffer();
}

/** 1 inside the inner ellipse of each face box. */
function faceMask(width: number, height: number, faces: FaceDetection[]): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const { box } of faces) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const rx = 0.4 * box.width;
    const ry = 0.45 * box.height;
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) mask[y * width + x] = 1;
      }
    }
  }
  return mask;
}

/** Mean ΔE2000 between two 8-bit images over the mask's 1s (`inside`) and 0s. */
function deltaE(a: RgbImage, b: RgbImage, mask: Uint8Array): { face: number; rest: number } {
  const la = srgbToLabBuffer(Float32Array.from(a.data, (v) => v / 255));
  const lb = srgbToLabBuffer(Float32Array.from(b.data, (v) => v / 255));
  const sum = [0, 0];
  const n = [0, 0];
  for (let i = 0, p = 0; i < mask.length; i++, p += 3) {
    const k = mask[i] ? 0 : 1;
    sum[k] += deltaE2000(la[p], la[p + 1], la[p + 2], lb[p], lb[p + 1], lb[p + 2]);
    n[k]++;
  }
  return { face: sum[0] / Math.max(1, n[0]), rest: sum[1] / Math.max(1, n[1]) };
}

async function main(): Promise<void> {
  const { detector, decoder, runtime } = standaloneFaceDetector({ ...process.env, MODEL_IDLE_UNLOAD_MS: '0' });
  const references = await Promise.all(REFERENCES.map((name) => rgb(path.join(PHOTOS, `${name}.jpg`), ANALYSIS_PROXY_SIDE)));

  const pairs: Record<string, unknown>[] = [];
  for (const p of PORTRAITS) {
    const target = await rgb(await portrait(p), ANALYSIS_PROXY_SIDE);
    const { faces } = await detector.detect(target);
    const skin = faceSkinModel(target, faces);
    const mask = faceMask(target.width, target.height, faces);
    for (const [i, reference] of references.entries()) {
      const graded = (preserveSkinTones: number, withFaces: boolean) =>
        applyLut(target, matchColors(target, reference, { method: 'natural', params: { preserveSkinTones }, skin: withFaces ? skin : null }).lut);
      const off = deltaE(target, graded(0, false), mask);
      const generic = deltaE(target, graded(1, false), mask);
      const fromFaces = deltaE(target, graded(1, true), mask);
      pairs.push({
        target: p.name,
        reference: REFERENCES[i],
        faces: faces.length,
        face_score: faces[0] ? Number(faces[0].score.toFixed(3)) : null,
        skin_model: skin ? 'faces' : 'none',
        face_de_off: fixed(off.face, 2),
        face_de_generic: fixed(generic.face, 2),
        face_de_faces: fixed(fromFaces.face, 2),
        rest_de_off: fixed(off.rest, 2),
        rest_de_generic: fixed(generic.rest, 2),
        rest_de_faces: fixed(fromFaces.rest, 2),
      });
    }
  }
  const mean = (key: string) => fixed(pairs.reduce((s, r) => s + Number(r[key]), 0) / pairs.length, 2);
  const summary = Object.fromEntries(['face_de_off', 'face_de_generic', 'face_de_faces', 'rest_de_off', 'rest_de_generic', 'rest_de_faces'].map((k) => [k, mean(k)]));

  // Latency on CPU: the model alone on a 512² proxy, and the handler's decode + detect on 12 MP.
  const astronaut = await rgb(path.join(PHOTOS, 'astronaut.jpg'), 512);
  const detect512 = await measure(() => detector.detect(astronaut), 21, 3);
  const big = await sharp(path.join(PHOTOS, 'astronaut.jpg')).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  const handler12mp = await measure(async () => detector.detect((await decoder.decodeProxy(big, DETECTION_PROXY_SIDE)).proxy), 7, 1);
  const modelMs = runtime.status().models.find((m) => m.name === 'blazeface')?.mean_ms ?? null;

  // Smallest face: the astronaut (face ≈ 0.205 of its side) at `fraction` of a 1024² grey canvas.
  const small: { face_fraction_of_long_side: number; detected: boolean; score: number | null }[] = [];
  for (const fraction of [0.5, 0.35, 0.25, 0.18, 0.14, 0.1, 0.08, 0.06, 0.05, 0.04]) {
    const side = Math.round(1024 * fraction);
    const face = await sharp(path.join(PHOTOS, 'astronaut.jpg')).resize(side, side).toBuffer();
    const canvas = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: { r: 128, g: 128, b: 128 } } }).composite([{ input: face, left: 200, top: 300 }]).png().toBuffer();
    const { faces } = await detector.detect(await rgb(canvas, DETECTION_PROXY_SIDE));
    small.push({ face_fraction_of_long_side: fixed(0.205 * fraction, 3), detected: faces.length > 0, score: faces[0] ? fixed(faces[0].score, 3) : null });
  }
  const smallestDetected = small.filter((s) => s.detected).map((s) => s.face_fraction_of_long_side).reduce((a, b) => Math.min(a, b), Infinity);

  const columns = ['face_de_off', 'face_de_generic', 'face_de_faces', 'rest_de_off', 'rest_de_generic', 'rest_de_faces'];
  console.log(formatTable(['target', 'reference', 'face ΔE off', 'face ΔE generic', 'face ΔE faces', 'rest ΔE off', 'rest ΔE generic', 'rest ΔE faces'], pairs.map((r) => [String(r.target), String(r.reference), ...columns.map((c) => String(r[c]))])));
  console.log(formatTable(['face / long side', 'detected', 'score'], small.map((s) => [String(s.face_fraction_of_long_side), s.detected ? 'yes' : 'no', String(s.score ?? '')])));
  const figures = {
    bench: 'skin-tones',
    method: 'natural',
    pairs: pairs.length,
    mean: summary,
    detection_cpu: {
      detect_512_median_ms: fixed(detect512.wallMs, 1),
      detect_512_cpu_ms: fixed(detect512.cpuMs, 1),
      model_run_mean_ms: modelMs,
      decode_1024_proxy_plus_detect_12mp_median_ms: fixed(handler12mp.wallMs, 1),
    },
    smallest_detected_face_fraction: Number.isFinite(smallestDetected) ? smallestDetected : null,
    small_faces: small,
    rows: pairs,
  };
  console.log(JSON.stringify({ ...figures, rows: undefined, small_faces: undefined }));
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'skin-tones.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await runtime.onApplicationShutdown();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
