/**
 * Regenerates the sandbox demo results shipped with the api
 * (apps/api/src/features/<feature>/demo/*) by running the worker's real
 * handlers' code on a demo photo, so sandbox answers are real results of the
 * same shape, not placeholders.
 *   node bench/common/run-ts.js tools/dev/make-sandbox-demos.ts
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { analyzeImage, applyLut, colorGap, matchColors, writeCube } from '@gradekit/color';
import { LUT_SPATIAL_EFFECTS_NOTE } from '@gradekit/contracts';
import { loadWorkerConfig } from '@gradekit/config';
import { toAnalyzeResult } from '../../apps/worker/src/features/analyze/analyze-result.mapper';
import { colorGapReport } from '../../apps/worker/src/features/match/color-gap.mapper';
import { toPublicMatchParams } from '../../apps/worker/src/features/match/match-params.mapper';
import { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import { writeGradingDemos } from './make-grading-demos';
import { writeAiDemos } from './make-ai-demos';
import { writeLutDemos } from './make-lut-demos';
import { writeVideoDemos } from './make-video-demos';
import { writeMultiMatchDemo } from './make-multi-match-demo';
import { writeActionDemo } from './make-action-demo';
import { writeWhiteBalanceDemo } from './make-white-balance-demo';
import { writeBgRemoveDemo } from './make-bg-remove-demo';
import { writeFacesDemo } from './make-faces-demo';
import { writeStyleTransferDemo } from './make-style-transfer-demo';

const ROOT = path.resolve(__dirname, '..', '..');
const FEATURES_DIR = path.join(ROOT, 'apps', 'api', 'src', 'features');
// Written here first, then each file moves to the demo/ folder of the feature that owns it (the one already holding that name).
const DEMO_DIR = mkdtempSync(path.join(tmpdir(), 'gk-demos-'));

function moveIntoFeatures(): string[] {
  const owners = new Map<string, string>();
  for (const feature of readdirSync(FEATURES_DIR)) {
    const dir = path.join(FEATURES_DIR, feature, 'demo');
    if (existsSync(dir)) for (const file of readdirSync(dir)) owners.set(file, dir);
  }
  const moved = readdirSync(DEMO_DIR).map((file) => {
    const owner = owners.get(file);
    if (!owner) throw new Error(`${file}: no feature's demo/ folder has this file yet; create it in the feature that owns the operation`);
    copyFileSync(path.join(DEMO_DIR, file), path.join(owner, file)); // not rename: the temp dir may be another filesystem
    return path.relative(ROOT, path.join(owner, file));
  });
  rmSync(DEMO_DIR, { recursive: true, force: true });
  return moved;
}
const PHOTOS = path.join(ROOT, 'test', 'fixtures', 'photos');
const DEMO_PHOTO = path.join(PHOTOS, 'coffee.jpg');

/** A demo-sized copy (long side 640) of a test photo, so the shipped demo images stay small. */
function demoSized(name: string): Promise<Buffer> {
  return sharp(path.join(PHOTOS, name)).resize(640, 640, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
}

async function main(): Promise<void> {
  const decoder = new ImageDecoder(loadWorkerConfig({}));
  const { source, proxy } = await decoder.decodeProxy(readFileSync(DEMO_PHOTO), ANALYSIS_PROXY_SIDE);
  const analyze = toAnalyzeResult(source, analyzeImage(proxy, { proxySize: ANALYSIS_PROXY_SIDE }));
  writeFileSync(path.join(DEMO_DIR, 'analyze.json'), `${JSON.stringify(analyze, null, 2)}\n`);

  // match: the astronaut graded to the coffee photo's palette, as MatchHandler does it.
  const encoder = new ImageEncoder();
  const [referenceBytes, targetBytes] = await Promise.all([demoSized('coffee.jpg'), demoSized('astronaut.jpg')]);
  const reference = await decoder.decodeProxy(referenceBytes, ANALYSIS_PROXY_SIDE);
  const target = await decoder.decodeProxy(targetBytes, ANALYSIS_PROXY_SIDE);
  const match = matchColors(target.proxy, reference.proxy, { method: 'natural' });
  const full = await decoder.decodeFull(targetBytes);
  const encoded = await encoder.encode(applyLut(full.image, match.lut), full.source.format);
  writeFileSync(path.join(DEMO_DIR, 'match.jpg'), encoded.buffer);
  const gap = colorGapReport(colorGap(target.proxy, reference.proxy), colorGap(applyLut(target.proxy, match.lut), reference.proxy));
  const matchResult = {
    width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
    method: match.method, params: toPublicMatchParams(match.params), color_gap: gap,
  };
  writeFileSync(path.join(DEMO_DIR, 'match.json'), `${JSON.stringify(matchResult, null, 2)}\n`);
  // lut_export_match: the same match's LUT as a .cube, at 17³ to keep the shipped file small.
  const small = matchColors(target.proxy, reference.proxy, { method: 'natural', params: { lutSize: 17 } });
  const cube = writeCube(small.lut, { title: 'Gradekit match (natural, 17^3)', comments: ['Gradekit sandbox demo LUT', LUT_SPATIAL_EFFECTS_NOTE] });
  writeFileSync(path.join(DEMO_DIR, 'match.cube'), cube);
  const lutResult = {
    filename: 'gradekit-match-natural-17.cube', format: 'cube', size: small.lut.size, bytes: Buffer.byteLength(cube), title: 'Gradekit match (natural, 17^3)',
    spatial_effects_included: false, note: LUT_SPATIAL_EFFECTS_NOTE, method: small.method, params: toPublicMatchParams(small.params),
  };
  writeFileSync(path.join(DEMO_DIR, 'lut-export-match.json'), `${JSON.stringify(lutResult, null, 2)}\n`);
  // preset_apply, film_effects_apply, look_apply, lut_export_preset.
  await writeGradingDemos(DEMO_DIR, PHOTOS, decoder, encoder);
  // white_balance_apply, lut_apply, lut_export_before_after.
  await writeWhiteBalanceDemo(DEMO_DIR, PHOTOS, decoder, encoder);
  await writeLutDemos(DEMO_DIR, PHOTOS, decoder, encoder);
  await writeVideoDemos(DEMO_DIR);
  await writeMultiMatchDemo(DEMO_DIR, PHOTOS, decoder, encoder);
  await writeActionDemo(DEMO_DIR, PHOTOS, decoder, encoder);
  // ai_suggest, ai_refine.
  await writeAiDemos(DEMO_DIR, PHOTOS, decoder, encoder);
  // bg_remove_apply: a real ISNet cutout.
  await writeBgRemoveDemo(DEMO_DIR, path.join(PHOTOS, 'astronaut.jpg'));
  // faces_detect: BlazeFace on the astronaut; style_transfer_apply: the built-in graph.
  await writeFacesDemo(DEMO_DIR, path.join(PHOTOS, 'astronaut.jpg'));
  await writeStyleTransferDemo(DEMO_DIR, PHOTOS);
  process.stdout.write(`wrote the sandbox demos:\n${moveIntoFeatures().join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
