import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyMultiMatch, colorGap, matchMulti, resolveMatchParams } from '@gradekit/color';
import { colorGapReport } from '../../apps/worker/src/features/match/color-gap.mapper';
import { toPublicMatchParams } from '../../apps/worker/src/features/match/match-params.mapper';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
/** match_multi: the rocket matched to the coffee and chelsea photos as a left → right gradient, as MatchMultiHandler does it. */
export async function writeMultiMatchDemo(demoDir: string, photos: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  const small = (name: string) => sharp(path.join(photos, name)).resize(640, 640, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
  const targetBytes = await small('rocket.jpg');
  const target = (await decoder.decodeProxy(targetBytes, ANALYSIS_PROXY_SIDE)).proxy;
  const references = await Promise.all(['coffee.jpg', 'chelsea.jpg'].map(async (name) => (await decoder.decodeProxy(await small(name), ANALYSIS_PROXY_SIDE)).proxy));
  const multi = matchMulti(target, references, { blendMode: 'gradient', transitionWidth: 0.2, intensity: 0.5 });
  const full = await decoder.decodeFull(targetBytes);
  const encoded = await encoder.encode(applyMultiMatch(full.image, multi), full.source.format);
  writeFileSync(path.join(demoDir, 'match-multi.jpg'), encoded.buffer);
  const after = applyMultiMatch(target, multi);
  const result = {
    width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
    method: 'natural', blend_mode: 'gradient', intensity: 0.5, gradient: { angle: 0, transition_width: 0.2, weights: multi.gradient?.weights ?? [] },
    params: toPublicMatchParams(resolveMatchParams('natural', {})),
    color_gaps: references.map((reference, index) => ({ reference_index: index, ...colorGapReport(colorGap(target, reference), colorGap(after, reference)) })),
  };
  writeFileSync(path.join(demoDir, 'match-multi.json'), `${JSON.stringify(result, null, 2)}\n`);
}
