/**
 * Speed of the colour engine on a 12-megapixel photo (4000×3000, made in
 * memory from a fixture photo with sharp; nothing large is committed):
 * fit time on the 512-px proxy per method, LUT bake at 33³ and 65³, LUT apply
 * in Mpixel/s (8-bit RGB, 8-bit RGBA, 16-bit RGB; tetrahedral and trilinear;
 * one thread, and split across threads by the worker's ThreadedLutApplier),
 * analyzeImage and colorGap on a proxy, and the whole match as the worker
 * runs it (proxy decoded with shrink-on-load from the JPEG → fit + bake →
 * full decode → apply → colour-gap report → encode) beside sharp's own
 * decode + encode of the same JPEG, in the same run, both with the worker's
 * JPEG output settings. Prints a table and one JSON line.
 *
 * Times are medians of --reps runs (wall clock; CPU time beside it where a
 * step is single-threaded compute: on a shared VM the steadier figure). The
 * run also measures how much two threads actually get here (`parallelism`).
 *
 *   node bench/common/run-ts.js bench/color/color.bench.ts [--reps 7]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import {
  MATCH_METHODS,
  MatchMethod,
  RgbImage,
  analyzeImage,
  applyLut,
  bakeLut,
  colorGap,
  colorGapBetween,
  colorGapProfile,
  fitImageOf,
  fitMatchTransform,
  matchColors,
  matchFitImages,
  resolveMatchParams,
} from '@gradekit/color';
import { ThreadedLutApplier } from '../../apps/worker/src/media/lut-apply-threads';
import { JPEG_OUTPUT_OPTIONS } from '../../apps/worker/src/media/jpeg-output';
import { PHOTO_DIR } from '../common/photos';
import { fixed, formatTable } from '../common/table';
import { Timing, measure } from '../common/timing';

const W = 4000;
const H = 3000;
const MP = (W * H) / 1e6;
const TS_REGISTER = path.resolve(__dirname, '..', 'common', 'ts-register.js');

async function main(): Promise<void> {
  const reps = Number(argValue('--reps') ?? 7);
  sharp.concurrency(1); // one thread for sharp too: compare like with like
  sharp.cache(false); // as the worker runs it
  const jpeg = await sharp(`${PHOTO_DIR}/motorcycle_left.jpg`).resize(W, H, { fit: 'fill', kernel: 'lanczos3' }).jpeg({ quality: 90 }).toBuffer();
  const refJpeg = await sharp(`${PHOTO_DIR}/motorcycle_right.jpg`).jpeg({ quality: 90 }).toBuffer();
  const decode = async (buf: Buffer): Promise<RgbImage> => {
    const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  };
  // The proxy as the worker's ImageDecoder.decodeProxy makes it: straight from
  // the encoded file (libjpeg's DCT-domain shrink-on-load does most of the
  // reduction), triangle filter to the exact proxy size, sRGB, 8-bit.
  const proxy = async (buf: Buffer): Promise<RgbImage> => {
    const meta = await sharp(buf).metadata();
    const scale = 512 / Math.max(meta.width!, meta.height!);
    const width = meta.width! >= meta.height! ? 512 : Math.max(1, Math.round(meta.width! * scale));
    const height = meta.height! >= meta.width! ? 512 : Math.max(1, Math.round(meta.height! * scale));
    const { data, info } = await sharp(buf, { autoOrient: true })
      .resize({ width, height, fit: 'fill', kernel: 'linear' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  };
  // The worker's JPEG output settings on both sides (q92, 4:4:4, standard Huffman tables).
  const encode = (img: RgbImage): Promise<Buffer> => sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).jpeg(JPEG_OUTPUT_OPTIONS).toBuffer();

  const parallelism = await twoThreadSpeedup();
  const full = await decode(jpeg);
  const targetProxy = await proxy(jpeg);
  const refProxy = await proxy(refJpeg);
  const src = fitImageOf(targetProxy);
  const ref = fitImageOf(refProxy);

  // sharp alone: decode + re-encode, and decode to raw.
  const sharpRoundTrip = await measure(() => sharp(jpeg).jpeg(JPEG_OUTPUT_OPTIONS).toBuffer(), reps);
  const sharpDecode = await measure(() => decode(jpeg), reps);
  const sharpEncode = await measure(() => encode(full), reps);
  const sharpProxy = await measure(() => proxy(jpeg), reps);
  const noOpPath = await measure(async () => encode(await decode(jpeg)), reps);

  // Fit on the proxy and bake, per method.
  const perMethod: Record<string, { fit: Timing; bake33: Timing; bake65: Timing }> = {};
  for (const method of MATCH_METHODS) {
    const params = resolveMatchParams(method);
    const fit = await measure(() => fitMatchTransform(method, src, ref, params), reps);
    const t = fitMatchTransform(method, src, ref, params);
    perMethod[method] = { fit, bake33: await measure(() => bakeLut(t, 33), reps), bake65: await measure(() => bakeLut(t, 65), Math.max(1, Math.ceil(reps / 2))) };
  }

  // LUT apply throughput.
  const lut = matchFitImages(src, ref, { method: 'natural' }).lut;
  const rgba: RgbImage = { width: W, height: H, channels: 4, data: new Uint8Array(W * H * 4) };
  for (let i = 0, j = 0; i < full.data.length; i += 3, j += 4) {
    rgba.data[j] = full.data[i];
    rgba.data[j + 1] = full.data[i + 1];
    rgba.data[j + 2] = full.data[i + 2];
    rgba.data[j + 3] = 255;
  }
  const deep: RgbImage = { width: W, height: H, channels: 3, data: Uint16Array.from(full.data, (v) => v * 257) };
  const out8 = new Uint8Array(full.data.length);
  const out8a = new Uint8Array(rgba.data.length);
  const out16 = new Uint16Array(deep.data.length);
  const threaded = new ThreadedLutApplier({ threads: 2, register: TS_REGISTER });
  const apply: Record<string, Timing> = {
    'rgb8 tetrahedral, wasm simd': await measure(() => applyLut(full, lut, { out: out8, engine: 'wasm' }), reps),
    'rgb8 tetrahedral, typescript': await measure(() => applyLut(full, lut, { out: out8, engine: 'js' }), reps),
    'rgba8 tetrahedral, wasm simd': await measure(() => applyLut(rgba, lut, { out: out8a, engine: 'wasm' }), reps),
    'rgb8 trilinear, typescript': await measure(() => applyLut(full, lut, { out: out8, interpolation: 'trilinear' }), reps),
    'rgb16 tetrahedral, typescript': await measure(() => applyLut(deep, lut, { out: out16 }), reps),
    'rgb8 tetrahedral, wasm simd, 2 threads (ThreadedLutApplier)': await measure(() => threaded.apply(full, lut, { out: out8 }), reps),
  };
  const mpx = (t: Timing, cpu = false): number => MP * 1000 / (cpu ? t.cpuMs : t.wallMs);

  // Statistics on a proxy, as /analyze and the match's colour-gap report run them.
  const analyze = await measure(() => analyzeImage(targetProxy), reps);
  const gap = await measure(() => colorGap(targetProxy, refProxy), reps);
  // The worker's colour-gap report (GAP_OPTIONS in apps/worker): profiles on 256-px proxies with
  // 4096 points; the reference's profile is made once per job, so a match pays for two.
  const gapOptions = { proxySize: 256, maxSamples: 4096 };
  const refGapProfile = colorGapProfile(refProxy, gapOptions);
  const gapProfile = await measure(() => colorGapProfile(targetProxy, gapOptions), reps);

  // The whole match as the worker runs it (MatchEngine.matchOne): stages in sequence.
  const stages = { proxyMs: 0, fitBakeMs: 0, decodeMs: 0, applyMs: 0, colorGapMs: 0, encodeMs: 0 };
  const wholeMatch: Record<string, Timing> = {};
  const wholeMatchNoGap: Record<string, Timing> = {};
  for (const method of ['natural', 'direct'] as MatchMethod[]) {
    const run = async (withGap: boolean, record: boolean): Promise<void> => {
      let t = performance.now();
      const lap = (key: keyof typeof stages): void => {
        const now = performance.now();
        if (record) stages[key] += now - t;
        t = now;
      };
      const p = await proxy(jpeg);
      lap('proxyMs');
      const { lut: l } = matchColors(p, refProxy, { method });
      lap('fitBakeMs');
      const img = await decode(jpeg);
      lap('decodeMs');
      const graded = applyLut(img, l, { out: img.data });
      lap('applyMs');
      if (withGap) {
        colorGapBetween(colorGapProfile(p, gapOptions), refGapProfile);
        colorGapBetween(colorGapProfile(applyLut(p, l), gapOptions), refGapProfile);
      }
      lap('colorGapMs');
      await encode(graded);
      lap('encodeMs');
    };
    if (method === 'natural') {
      for (let i = 0; i < reps; i++) await run(true, true);
      for (const k of Object.keys(stages) as (keyof typeof stages)[]) stages[k] /= reps;
    }
    wholeMatch[method] = await measure(() => run(true, false), reps);
    wholeMatchNoGap[method] = await measure(() => run(false, false), reps);
  }
  // The same with the full decode overlapped with proxy + fit, and the apply
  // split over 2 threads: what the worker could do with two cores.
  const overlapped = await measure(async () => {
    const [img, l] = await Promise.all([decode(jpeg), proxy(jpeg).then((p) => matchColors(p, refProxy, { method: 'natural' }).lut)]);
    await encode(await threaded.apply(img, l, { out: img.data }));
  }, reps);
  await threaded.close();

  const over = (t: Timing, base: Timing): string => `+${fixed((100 * (t.wallMs - base.wallMs)) / base.wallMs, 1)} %`;
  const ms = (t: Timing, cpu = true): string => `${fixed(t.wallMs, 1)} ms` + (cpu ? ` (cpu ${fixed(t.cpuMs, 1)})` : '');
  const rows: string[][] = [
    ['two threads vs one on this machine (CPU-bound loop)', `${fixed(parallelism, 2)}× the throughput`],
    ['sharp decode + encode, JPEG → JPEG, worker settings (1 thread)', ms(sharpRoundTrip, false)],
    ['sharp decode → raw → encode (the worker path, no colour op)', ms(noOpPath, false)],
    ['sharp decode to raw', ms(sharpDecode, false)],
    ['sharp encode from raw', ms(sharpEncode, false)],
    ['sharp 512-px proxy from the JPEG (shrink-on-load, as the worker)', ms(sharpProxy, false)],
    ...MATCH_METHODS.map((m) => [`${m}: fit on 512 px proxy / bake 33³ / bake 65³`, `${fixed(perMethod[m].fit.wallMs, 1)} / ${fixed(perMethod[m].bake33.wallMs, 1)} / ${fixed(perMethod[m].bake65.wallMs, 1)} ms`]),
    ...Object.entries(apply).map(([k, t]) => [`LUT apply ${k}`, `${fixed(mpx(t), 1)} Mpx/s (${fixed(t.wallMs, 1)} ms; per CPU-second ${fixed(mpx(t, true), 1)} Mpx)`]),
    ['analyzeImage on the 512-px proxy', ms(analyze)],
    ['colorGap on the 512-px proxies (library defaults)', ms(gap)],
    ['colour-gap profile of one image as the worker measures it (256 px, 4096 points; a match makes two)', ms(gapProfile)],
    ...Object.entries(stages).map(([k, v]) => [`  natural match stage: ${k.replace(/Ms$/, '')}`, `${fixed(v, 1)} ms`]),
    ...Object.entries(wholeMatch).map(([m, t]) => [`whole ${m} match as the worker runs it (incl. colour-gap report)`, `${ms(t, false)} (${over(t, sharpRoundTrip)} over JPEG→JPEG, ${over(t, noOpPath)} over decode→raw→encode)`]),
    ...Object.entries(wholeMatchNoGap).map(([m, t]) => [`whole ${m} match without the colour-gap report`, `${ms(t, false)} (${over(t, sharpRoundTrip)} over JPEG→JPEG, ${over(t, noOpPath)} over decode→raw→encode)`]),
    ['whole natural match, decode ‖ proxy+fit, apply on 2 threads, no gap report', `${ms(overlapped, false)} (${over(overlapped, sharpRoundTrip)} / ${over(overlapped, noOpPath)})`],
  ];
  console.log(`12 MP (${W}×${H}) on ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  console.log(formatTable(['step', 'time'], rows));
  const checks = {
    applyAtLeast150MpxPerCore: mpx(apply['rgb8 tetrahedral, wasm simd']) >= 150,
    applyAtLeast150MpxPerCpuSecond: mpx(apply['rgb8 tetrahedral, wasm simd'], true) >= 150,
    wholeMatchUnder25PercentOverSharpRoundTrip: Object.values(wholeMatch).every((t) => (t.wallMs - sharpRoundTrip.wallMs) / sharpRoundTrip.wallMs < 0.25),
    wholeMatchUnder25PercentOverWorkerNoOp: Object.values(wholeMatch).every((t) => (t.wallMs - noOpPath.wallMs) / noOpPath.wallMs < 0.25),
    wholeMatchWithoutGapReportUnder25PercentOverWorkerNoOp: Object.values(wholeMatchNoGap).every((t) => (t.wallMs - noOpPath.wallMs) / noOpPath.wallMs < 0.25),
    analyzeUnder100Ms: analyze.wallMs < 100,
  };
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
  console.log(
    `targets: LUT apply ≥ 150 Mpx/s/core: ${verdict(checks.applyAtLeast150MpxPerCore)} (per CPU-second: ${verdict(checks.applyAtLeast150MpxPerCpuSecond)}); ` +
      `whole match < +25 % over sharp JPEG→JPEG: ${verdict(checks.wholeMatchUnder25PercentOverSharpRoundTrip)}; over decode→raw→encode: ${verdict(checks.wholeMatchUnder25PercentOverWorkerNoOp)} ` +
      `(without the colour-gap report: ${verdict(checks.wholeMatchWithoutGapReportUnder25PercentOverWorkerNoOp)}); ` +
      `analyzeImage < 100 ms: ${verdict(checks.analyzeUnder100Ms)}`,
  );
  console.log(
    JSON.stringify({
      bench: 'color',
      megapixels: MP,
      cpu: os.cpus()[0]?.model,
      loadavg: os.loadavg(),
      twoThreadSpeedup: parallelism,
      sharp: { roundTrip: sharpRoundTrip, decodeRawEncode: noOpPath, decode: sharpDecode, encode: sharpEncode, proxy: sharpProxy },
      perMethod,
      applyMpxPerSecond: Object.fromEntries(Object.entries(apply).map(([k, t]) => [k, mpx(t)])),
      applyMpxPerCpuSecond: Object.fromEntries(Object.entries(apply).map(([k, t]) => [k, mpx(t, true)])),
      analyzeImage: analyze,
      colorGap: gap,
      colorGapProfileWorker: gapProfile,
      naturalMatchStagesMs: stages,
      wholeMatch,
      wholeMatchNoGap,
      overlappedTwoThreads: overlapped,
      checks,
    }),
  );
}

/** Throughput of two threads running a CPU-bound loop at once, relative to one (2.0 on two real cores). */
async function twoThreadSpeedup(): Promise<number> {
  const body = 'let s = 0; for (let i = 0; i < 3e7; i++) s += Math.sqrt(i); return s;';
  const worker = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => parentPort.postMessage((() => { ${body} })()));`, { eval: true });
  const spin = new Function(body) as () => number;
  const inWorker = (): Promise<unknown> => new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(0);
  });
  spin();
  await inWorker();
  let t = performance.now();
  spin();
  const one = performance.now() - t;
  t = performance.now();
  const other = inWorker();
  spin();
  await other;
  const both = performance.now() - t;
  await worker.terminate();
  return (2 * one) / both;
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
