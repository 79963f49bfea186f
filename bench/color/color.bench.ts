/**
 * Speed of the colour engine on a 12-megapixel photo (4000×3000, made in
 * memory from a fixture photo with sharp; nothing large is committed):
 * fit time on the 512-px proxy per method, LUT bake at 33³ and 65³, LUT apply
 * in Mpixel/s on one thread (8-bit RGB, 8-bit RGBA, 16-bit RGB; tetrahedral
 * and trilinear), and the whole match (decode → proxy → fit → bake → apply →
 * encode) beside sharp's own decode + encode of the same JPEG, in the same run.
 * Prints a table and one JSON line.
 *
 *   node bench/common/run-ts.js bench/color/color.bench.ts [--reps 5]
 */
import * as os from 'node:os';
import sharp from 'sharp';
import {
  MATCH_METHODS,
  MatchMethod,
  RgbImage,
  applyLut,
  bakeLut,
  fitImageOf,
  fitMatchTransform,
  matchFitImages,
  resolveMatchParams,
} from '@gradekit/color';
import { PHOTO_DIR } from '../common/photos';
import { fixed, formatTable } from '../common/table';
import { medianMs } from '../common/timing';

const W = 4000;
const H = 3000;

async function main(): Promise<void> {
  const reps = Number(argValue('--reps') ?? 5);
  sharp.concurrency(1); // one thread for sharp too: compare like with like
  const jpeg = await sharp(`${PHOTO_DIR}/motorcycle_left.jpg`).resize(W, H, { fit: 'fill', kernel: 'lanczos3' }).jpeg({ quality: 90 }).toBuffer();
  const refJpeg = await sharp(`${PHOTO_DIR}/motorcycle_right.jpg`).jpeg({ quality: 90 }).toBuffer();
  const decode = async (buf: Buffer): Promise<RgbImage> => {
    const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  };
  // The proxy comes straight from the JPEG: libjpeg's DCT-domain shrink-on-load
  // makes it far cheaper than resizing the decoded 12 MP raw.
  const proxy = async (buf: Buffer): Promise<RgbImage> => {
    const { data, info } = await sharp(buf).removeAlpha().resize(512, 512, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  };
  const encode = (img: RgbImage): Promise<Buffer> => sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).jpeg({ quality: 90 }).toBuffer();

  const full = await decode(jpeg);
  const targetProxy = await proxy(jpeg);
  const refProxy = await proxy(refJpeg);
  const src = fitImageOf(targetProxy);
  const ref = fitImageOf(refProxy);

  // sharp alone: decode + re-encode, and decode to raw.
  const sharpRoundTrip = await medianMs(() => sharp(jpeg).jpeg({ quality: 90 }).toBuffer(), reps);
  const sharpDecode = await medianMs(() => decode(jpeg), reps);
  const sharpEncode = await medianMs(() => encode(full), reps);
  const sharpProxy = await medianMs(() => proxy(jpeg), reps);
  const noOpPath = await medianMs(async () => encode(await decode(jpeg)), reps);

  // Fit on the proxy and bake, per method.
  const perMethod: Record<string, { fitMs: number; bake33Ms: number; bake65Ms: number }> = {};
  for (const method of MATCH_METHODS) {
    const params = resolveMatchParams(method);
    const fitMs = await medianMs(() => fitMatchTransform(method, src, ref, params), reps);
    const t = fitMatchTransform(method, src, ref, params);
    perMethod[method] = {
      fitMs,
      bake33Ms: await medianMs(() => bakeLut(t, 33), reps),
      bake65Ms: await medianMs(() => bakeLut(t, 65), Math.max(1, Math.ceil(reps / 2))),
    };
  }

  // LUT apply throughput, one thread.
  const lut = matchFitImages(src, ref, { method: 'natural' }).lut;
  const rgba: RgbImage = { width: W, height: H, channels: 4, data: new Uint8Array(W * H * 4) };
  for (let i = 0, j = 0; i < full.data.length; i += 3, j += 4) rgba.data.set(full.data.subarray(i, i + 3), j);
  const deep: RgbImage = { width: W, height: H, channels: 3, data: Uint16Array.from(full.data, (v) => v * 257) };
  const out8 = new Uint8Array(full.data.length);
  const mpx = (ms: number): number => (W * H) / 1e3 / ms;
  const apply: Record<string, number> = {
    'rgb8 tetrahedral, wasm simd': mpx(await medianMs(() => applyLut(full, lut, { out: out8, engine: 'wasm' }), reps)),
    'rgb8 tetrahedral, typescript': mpx(await medianMs(() => applyLut(full, lut, { out: out8, engine: 'js' }), reps)),
    'rgba8 tetrahedral, wasm simd': mpx(await medianMs(() => applyLut(rgba, lut, { engine: 'wasm' }), reps)),
    'rgb8 trilinear, typescript': mpx(await medianMs(() => applyLut(full, lut, { out: out8, interpolation: 'trilinear' }), reps)),
    'rgb16 tetrahedral, typescript': mpx(await medianMs(() => applyLut(deep, lut), reps)),
  };

  // The whole match, as the worker runs it, beside sharp's decode + encode.
  const wholeMatch: Record<string, number> = {};
  for (const method of ['natural', 'direct'] as MatchMethod[]) {
    wholeMatch[method] = await medianMs(async () => {
      const [img, p] = await Promise.all([decode(jpeg), proxy(jpeg)]);
      const { lut: l } = matchFitImages(fitImageOf(p), ref, { method });
      await encode(applyLut(img, l, { out: img.data }));
    }, reps);
  }

  const rows: string[][] = [
    ['sharp decode + encode, JPEG → JPEG q90 (1 thread)', fixed(sharpRoundTrip, 1) + ' ms'],
    ['sharp decode → raw → encode (the worker path, no colour op)', fixed(noOpPath, 1) + ' ms'],
    ['sharp decode to raw', fixed(sharpDecode, 1) + ' ms'],
    ['sharp encode from raw', fixed(sharpEncode, 1) + ' ms'],
    ['sharp 512-px proxy from the JPEG (shrink-on-load)', fixed(sharpProxy, 1) + ' ms'],
    ...MATCH_METHODS.map((m) => [`${m}: fit on 512 px proxy / bake 33³ / bake 65³`, `${fixed(perMethod[m].fitMs, 1)} / ${fixed(perMethod[m].bake33Ms, 1)} / ${fixed(perMethod[m].bake65Ms, 1)} ms`]),
    ...Object.entries(apply).map(([k, v]) => [`LUT apply ${k} (1 thread)`, fixed(v, 1) + ' Mpx/s']),
    ...Object.entries(wholeMatch).map(([m, ms]) => [
      `whole ${m} match: decode→proxy→fit→bake→apply→encode`,
      `${fixed(ms, 1)} ms (+${fixed((100 * (ms - sharpRoundTrip)) / sharpRoundTrip, 1)} % over JPEG→JPEG, +${fixed((100 * (ms - noOpPath)) / noOpPath, 1)} % over decode→raw→encode)`,
    ]),
  ];
  console.log(`12 MP (${W}×${H}) on ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}`);
  console.log(formatTable(['step', 'time'], rows));
  const checks = {
    applyAtLeast150MpxPerCore: apply['rgb8 tetrahedral, wasm simd'] >= 150,
    wholeMatchUnder25PercentOverSharpRoundTrip: Object.values(wholeMatch).every((ms) => (ms - sharpRoundTrip) / sharpRoundTrip < 0.25),
    wholeMatchUnder25PercentOverWorkerNoOp: Object.values(wholeMatch).every((ms) => (ms - noOpPath) / noOpPath < 0.25),
  };
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
  console.log(`targets: LUT apply ≥ 150 Mpx/s/core: ${verdict(checks.applyAtLeast150MpxPerCore)}; whole match < +25 % over sharp JPEG→JPEG: ${verdict(checks.wholeMatchUnder25PercentOverSharpRoundTrip)}; over decode→raw→encode: ${verdict(checks.wholeMatchUnder25PercentOverWorkerNoOp)}`);
  console.log(
    JSON.stringify({
      bench: 'color',
      megapixels: (W * H) / 1e6,
      cpu: os.cpus()[0]?.model,
      loadavg: os.loadavg(),
      sharp: { roundTripMs: sharpRoundTrip, decodeRawEncodeMs: noOpPath, decodeMs: sharpDecode, encodeMs: sharpEncode, proxyMs: sharpProxy },
      perMethod,
      applyMpxPerSecond: apply,
      wholeMatchMs: wholeMatch,
      wholeMatchOverheadPercent: Object.fromEntries(Object.entries(wholeMatch).map(([m, ms]) => [m, (100 * (ms - sharpRoundTrip)) / sharpRoundTrip])),
      wholeMatchOverheadOverNoOpPercent: Object.fromEntries(Object.entries(wholeMatch).map(([m, ms]) => [m, (100 * (ms - noOpPath)) / noOpPath])),
      checks,
    }),
  );
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
