import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut, bakeLut, lutFromExamples, presetTransform, writeCube } from '@gradekit/color';
import { LUT_SPATIAL_EFFECTS_NOTE } from '@gradekit/contracts';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';

/**
 * lut_apply and lut_export_before_after: the "after" of the pair is the astronaut
 * graded with the teal_orange preset; the LUT fitted from the pair is applied to
 * the rocket photo, and exported at 17³ (a small shipped file).
 */
export async function writeLutDemos(demoDir: string, photos: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  const before = await sharp(path.join(photos, 'astronaut.jpg')).resize(480).jpeg({ quality: 90 }).toBuffer();
  const beforeFull = await decoder.decodeFull(before);
  const transform = presetTransform('teal_orange', 1);
  if (!transform) throw new Error('preset teal_orange is missing');
  const after = (await encoder.encode(applyLut(beforeFull.image, bakeLut(transform, 33)), 'jpeg')).buffer;
  const [b, a] = await Promise.all([decoder.decodeProxy(before, ANALYSIS_PROXY_SIDE), decoder.decodeProxy(after, ANALYSIS_PROXY_SIDE)]);

  const fitted33 = lutFromExamples(b.proxy, a.proxy, { size: 33 });
  const target = await decoder.decodeFull(await sharp(path.join(photos, 'rocket.jpg')).resize(640).jpeg({ quality: 90 }).toBuffer());
  const graded = await encoder.encode(applyLut(target.image, fitted33.lut), target.source.format);
  writeFileSync(path.join(demoDir, 'lut-apply.jpg'), graded.buffer);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  writeFileSync(
    path.join(demoDir, 'lut-apply.json'),
    `${JSON.stringify(
      {
        width: graded.width, height: graded.height, format: graded.format, bytes: graded.buffer.length, bit_depth: graded.bitDepth, has_alpha: graded.hasAlpha,
        lut: { size: 33, kind: 'examples', coverage: round(fitted33.coverage), rms_error: round(fitted33.rmsError) },
      },
      null,
      2,
    )}\n`,
  );

  const fitted17 = lutFromExamples(b.proxy, a.proxy, { size: 17 });
  const cube = writeCube(fitted17.lut, { title: 'Gradekit before/after (17^3)', comments: ['Gradekit sandbox demo LUT', LUT_SPATIAL_EFFECTS_NOTE] });
  writeFileSync(path.join(demoDir, 'before-after.cube'), cube);
  writeFileSync(
    path.join(demoDir, 'lut-export-before-after.json'),
    `${JSON.stringify(
      {
        filename: 'gradekit-before-after-17.cube', format: 'cube', size: 17, bytes: Buffer.byteLength(cube), title: 'Gradekit before/after (17^3)',
        spatial_effects_included: false, note: LUT_SPATIAL_EFFECTS_NOTE, fit: { kind: 'examples', coverage: round(fitted17.coverage), rms_error: round(fitted17.rmsError) },
      },
      null,
      2,
    )}\n`,
  );
}

