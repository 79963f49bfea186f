/**
 * Quality harness: every matching method, plus textbook Reinhard, MKL,
 * histogram matching and hm-mkl-hm, on pairs of real photos. Prints a table
 * per pair, the mean over pairs, the targets as PASS/FAIL lines, and
 * one JSON line of all figures at the end.
 *
 * Every map — ours and the baselines alike — is measured along two paths, so
 * methods are always compared under the same conditions:
 *  - `lut33`, the product's path: the map baked into a 33³ LUT and applied to
 *    the 8-bit image with tetrahedral interpolation (what /match returns, what
 *    a .cube export and ffmpeg's lut3d reproduce);
 *  - `exact`: the map applied to every pixel in float (the maths alone).
 * A LUT cannot hold a map steeper than its lattice (33 nodes: a step every 8
 * codes), so on pairs that need very steep maps (a point mass of black pixels
 * spread over a broad distribution) the two paths differ a lot — for the
 * baselines as for our methods. Targets are checked on both paths.
 *
 *   node bench/common/run-ts.js bench/quality/quality.bench.ts [--pairs a,b]
 */
import {
  ColorTransform,
  MATCH_METHODS,
  MatchMethod,
  RgbImage,
  applyLut,
  bakeLut,
  imageToRgbFloat,
  matchFitImages,
  rgbFloatToImage,
  sampleLut,
} from '@gradekit/color';
import { loadPhoto } from '../common/photos';
import { fixed, formatTable } from '../common/table';
import { hmMklHm, histogramMatch, mklRgb, reinhard } from './baselines';
import { PAIRS, castOf } from './pairs';
import { QualityFigures, qualityFigures } from './quality-metrics';

const BASELINES = ['reinhard', 'mkl', 'hm', 'hm-mkl-hm'] as const;
const PATHS = ['lut33', 'exact'] as const;
type Path = (typeof PATHS)[number];
type Row = { pair: string; hard: boolean; method: string; path: Path } & QualityFigures;

/** The figures of one map along one path (see the header). */
function evaluate(target: RgbImage, reference: RgbImage, t: ColorTransform, path: Path): QualityFigures {
  if (path === 'exact') {
    const f = imageToRgbFloat(target);
    t(f);
    return qualityFigures(target, reference, rgbFloatToImage(f, target.width, target.height), f, t);
  }
  const lut = bakeLut(t, 33);
  return qualityFigures(target, reference, applyLut(target, lut), sampleLut(lut, imageToRgbFloat(target)), (p) => sampleLut(lut, p));
}

async function main(): Promise<void> {
  const only = argValue('--pairs')?.split(',');
  const pairs = only ? PAIRS.filter((p) => only.some((o) => p.id.includes(o))) : PAIRS;
  const rows: Row[] = [];
  for (const pair of pairs) {
    let target = await loadPhoto(pair.target, 512);
    if (pair.cast) target = castOf(target, pair.cast);
    const reference = await loadPhoto(pair.reference, 512);
    const tRgb = imageToRgbFloat(target);
    const rRgb = imageToRgbFloat(reference);
    const maps: [string, ColorTransform][] = [
      ['(target as is)', () => undefined],
      ['reinhard', reinhard(tRgb, rRgb)],
      ['mkl', mklRgb(tRgb, rRgb)],
      ['hm', histogramMatch(tRgb, rRgb)],
      ['hm-mkl-hm', hmMklHm(tRgb, rRgb)],
      // Ours, fitted on the proxies as the product fits them (MatchParams defaults).
      ...MATCH_METHODS.map((method): [string, ColorTransform] => [
        method,
        matchFitImages({ rgb: tRgb, width: target.width, height: target.height }, { rgb: rRgb, width: reference.width, height: reference.height }, { method }).transform,
      ]),
    ];
    for (const path of PATHS) {
      for (const [method, map] of maps) rows.push({ pair: pair.id, hard: pair.hard, method, path, ...evaluate(target, reference, map, path) });
    }
  }

  const header = ['method', 'W1 Lab', 'hist', 'gradCorr', 'SSIM', 'gain', 'banding'];
  const fmt = (r: QualityFigures): string[] => [fixed(r.w1, 2), fixed(r.hist, 3), fixed(r.gradCorr, 3), fixed(r.ssim, 3), fixed(r.gain, 2), fixed(r.banding, 2)];
  const methods = ['(target as is)', ...BASELINES, ...MATCH_METHODS];
  const onPath = (path: Path) => rows.filter((r) => r.path === path);
  for (const path of PATHS) {
    for (const pair of pairs) {
      console.log(`\n== ${pair.id}${pair.hard ? '  (hard)' : ''} — ${path}`);
      console.log(formatTable(header, onPath(path).filter((r) => r.pair === pair.id).map((r) => [r.method, ...fmt(r)])));
    }
  }
  const mean = (subset: Row[], m: string): QualityFigures => {
    const rs = subset.filter((r) => r.method === m);
    const avg = (k: keyof QualityFigures): number => rs.reduce((s, r) => s + r[k], 0) / rs.length;
    return { w1: avg('w1'), hist: avg('hist'), gradCorr: avg('gradCorr'), ssim: avg('ssim'), gain: avg('gain'), banding: avg('banding') };
  };
  const summary: Record<string, Record<string, QualityFigures>> = {};
  for (const path of PATHS) {
    for (const [name, subset] of [
      ['all pairs', onPath(path)],
      ['hard pairs', onPath(path).filter((r) => r.hard)],
    ] as const) {
      if (subset.length === 0) continue;
      const key = `${name}, ${path}`;
      summary[key] = Object.fromEntries(methods.map((m) => [m, mean(subset, m)]));
      console.log(`\n== mean over ${key}`);
      console.log(formatTable(header, methods.map((m) => [m, ...fmt(summary[key][m])])));
    }
  }

  const checks = PATHS.flatMap((path) => targetChecks(onPath(path), pairs.map((p) => p.id)).map((c) => ({ ...c, name: `[${path}] ${c.name}` })));
  console.log('\n== targets (issue 3, per pair and on the mean, on each path)');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  console.log(JSON.stringify({ bench: 'quality', pairs: pairs.map((p) => p.id), rows, summary, checks }));
}

interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

function targetChecks(rows: Row[], pairIds: string[]): Check[] {
  const get = (pair: string, m: string): Row => rows.find((r) => r.pair === pair && r.method === m)!;
  const checks: Check[] = [];
  const perPair = (name: string, ok: (pair: string) => boolean): void => {
    const failed = pairIds.filter((p) => !ok(p));
    checks.push({ name, pass: failed.length === 0, detail: failed.length ? `fails on ${failed.join(', ')}` : `all ${pairIds.length} pairs` });
  };
  perPair('natural: W1 ≤ MKL', (p) => get(p, 'natural').w1 <= get(p, 'mkl').w1);
  perPair('natural: gradient correlation ≥ 0.95', (p) => get(p, 'natural').gradCorr >= 0.95);
  perPair('smooth: W1 ≤ hm-mkl-hm', (p) => get(p, 'smooth').w1 <= get(p, 'hm-mkl-hm').w1);
  perPair('smooth: gradient correlation > hm-mkl-hm', (p) => get(p, 'smooth').gradCorr > get(p, 'hm-mkl-hm').gradCorr);
  perPair('smooth: no banding (banding index ≤ 3)', (p) => get(p, 'smooth').banding <= 3);
  perPair('smooth: banding index below hm-mkl-hm', (p) => get(p, 'smooth').banding < get(p, 'hm-mkl-hm').banding);
  perPair('direct: W1 ≤ MKL', (p) => get(p, 'direct').w1 <= get(p, 'mkl').w1);
  // Trade-off: no classic method may dominate ours (closer AND more structure-preserving).
  const dominated: string[] = [];
  for (const p of pairIds) {
    for (const m of MATCH_METHODS as readonly MatchMethod[]) {
      for (const b of BASELINES) {
        const ours = get(p, m);
        const base = get(p, b);
        if (base.w1 < ours.w1 && base.gradCorr > ours.gradCorr) dominated.push(`${m} by ${b} on ${p}`);
      }
    }
  }
  checks.push({
    name: 'no method dominated by a classic one (W1 and gradCorr)',
    pass: dominated.length === 0,
    detail: dominated.length ? dominated.join('; ') : `all ${pairIds.length} pairs`,
  });
  // The same targets on the mean over all pairs.
  const mean = (m: string, k: keyof QualityFigures): number => pairIds.reduce((s, p) => s + get(p, m)[k], 0) / pairIds.length;
  const onMean = (name: string, pass: boolean, detail: string): void => {
    checks.push({ name: `mean: ${name}`, pass, detail });
  };
  onMean('natural W1 ≤ MKL', mean('natural', 'w1') <= mean('mkl', 'w1'), `${mean('natural', 'w1').toFixed(2)} vs ${mean('mkl', 'w1').toFixed(2)}`);
  onMean('natural gradient correlation ≥ 0.95', mean('natural', 'gradCorr') >= 0.95, mean('natural', 'gradCorr').toFixed(3));
  onMean('smooth W1 ≤ hm-mkl-hm', mean('smooth', 'w1') <= mean('hm-mkl-hm', 'w1'), `${mean('smooth', 'w1').toFixed(2)} vs ${mean('hm-mkl-hm', 'w1').toFixed(2)}`);
  onMean('smooth gradient correlation > hm-mkl-hm', mean('smooth', 'gradCorr') > mean('hm-mkl-hm', 'gradCorr'), `${mean('smooth', 'gradCorr').toFixed(3)} vs ${mean('hm-mkl-hm', 'gradCorr').toFixed(3)}`);
  onMean('smooth banding index ≤ 3', mean('smooth', 'banding') <= 3, mean('smooth', 'banding').toFixed(2));
  onMean('direct W1 ≤ MKL', mean('direct', 'w1') <= mean('mkl', 'w1'), `${mean('direct', 'w1').toFixed(2)} vs ${mean('mkl', 'w1').toFixed(2)}`);
  return checks;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
