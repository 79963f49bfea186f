/**
 * "Which reference suits this shot" at library scale: rankReferences over 5,000 reference
 * profiles (BENCH_REFERENCES), by similarity to a shot and by the other sorts, plus the gap
 * estimate for one page of 100, against the baseline of the same run: computing one profile
 * at upload (what the library pays once per reference) and the engine's full colorGap between
 * two images (what ranking by the /match colour gap itself would cost per reference).
 *
 *   node bench/common/run-ts.js bench/library/similarity.bench.ts
 *
 * The 5,000 profiles are real: the 8 fixture photos under 25 grades each (casts, exposure,
 * saturation) make 200 profiles, and those are repeated with small perturbations of their
 * statistics to 5,000. Writes bench/results/similarity.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { colorGap, createRng, matchGapEstimate, rankReferences, referenceProfile, type ReferenceProfile, type RgbImage } from '@gradekit/color';
import { loadPhoto, type PhotoName } from '../common/photos';
import { formatTable, fixed } from '../common/table';
import { measure } from '../common/timing';

const ROOT = path.resolve(__dirname, '..', '..');
const COUNT = Number(process.env.BENCH_REFERENCES ?? 5000);
const PHOTOS: PhotoName[] = ['astronaut', 'chelsea', 'coffee', 'rocket', 'motorcycle_left', 'motorcycle_right', 'hubble_deep_field', 'retina'];

async function graded(photo: RgbImage, k: number): Promise<RgbImage> {
  const rng = createRng(1000 + k);
  const gains: [number, number, number] = [0.75 + 0.5 * rng(), 0.85 + 0.3 * rng(), 0.75 + 0.5 * rng()];
  const { data, info } = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .linear(gains, [20 * (rng() - 0.5), 20 * (rng() - 0.5), 20 * (rng() - 0.5)])
    .modulate({ saturation: 0.6 + 0.8 * rng() })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

/** A copy of a profile with its statistics nudged (±1.5 units): a distinct reference of the same kind. */
function perturbed(p: ReferenceProfile, rng: () => number): ReferenceProfile {
  const jitter = (v: number) => v + 3 * (rng() - 0.5);
  const q = (values: number[]) => values.map(jitter).sort((a, b) => a - b);
  return {
    ...p,
    quantiles: { l: q(p.quantiles.l), a: q(p.quantiles.a), b: q(p.quantiles.b) },
    meanLab: p.meanLab.map(jitter) as [number, number, number],
    whiteMired: jitter(p.whiteMired),
    warmth: jitter(p.warmth),
  };
}

async function main(): Promise<void> {
  const base: ReferenceProfile[] = [];
  const images: RgbImage[] = [];
  for (const name of PHOTOS) {
    const photo = await loadPhoto(name, 512);
    images.push(photo);
    for (let k = 0; k < 25; k++) base.push(referenceProfile(k === 0 ? photo : await graded(photo, k)));
  }
  const rng = createRng(7);
  const references = Array.from({ length: COUNT }, (_, i) => ({ item: i, profile: i < base.length ? base[i] : perturbed(base[i % base.length], rng) }));
  const shot = referenceProfile(await graded(images[0], 99));

  const rank = await measure(() => rankReferences(references, 'similarity', shot), 30, 3);
  const rankBright = await measure(() => rankReferences(references, 'brightness'), 30, 3);
  const rankHue = await measure(() => rankReferences(references, 'colour'), 30, 3);
  const top = rankReferences(references, 'similarity', shot).slice(0, 100);
  const gaps = await measure(() => top.map((r) => matchGapEstimate(shot, references[r.item].profile)), 30, 3);
  const profileOne = await measure(() => referenceProfile(images[4]), 5, 1);
  const fullGap = await measure(() => colorGap(images[0], images[4]), 5, 1);

  const rows = [
    [`rank ${COUNT} by similarity`, fixed(rank.wallMs, 2), fixed(rank.cpuMs, 2)],
    [`rank ${COUNT} by brightness`, fixed(rankBright.wallMs, 2), fixed(rankBright.cpuMs, 2)],
    [`rank ${COUNT} by colour (hue)`, fixed(rankHue.wallMs, 2), fixed(rankHue.cpuMs, 2)],
    ['gap estimates, a page of 100', fixed(gaps.wallMs, 2), fixed(gaps.cpuMs, 2)],
    ['baseline: one profile at upload (512 px)', fixed(profileOne.wallMs, 1), fixed(profileOne.cpuMs, 1)],
    ['baseline: one full colorGap (two images)', fixed(fullGap.wallMs, 1), fixed(fullGap.cpuMs, 1)],
  ];
  console.log(formatTable(['what', 'median ms', 'cpu ms'], rows));
  const out = {
    references: COUNT,
    rankSimilarityMs: rank.wallMs,
    rankBrightnessMs: rankBright.wallMs,
    rankColourMs: rankHue.wallMs,
    gapPageOf100Ms: gaps.wallMs,
    profileAtUploadMs: profileOne.wallMs,
    fullColorGapMs: fullGap.wallMs,
    // What ranking by the full /match colour gap would cost for the same library (per-reference gap × count).
    fullGapRankingEstimateMs: Math.round(fullGap.wallMs * COUNT),
    top5: top.slice(0, 5).map((r) => ({ reference: r.item, photo: PHOTOS[Math.floor((r.item % base.length) / 25)], score: Number(r.similarity?.score.toFixed(4)) })),
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'similarity.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
