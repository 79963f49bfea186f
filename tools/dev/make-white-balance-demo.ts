import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut, whiteBalance } from '@gradekit/color';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';

/** white_balance_apply: a photo given a strong warm cast, corrected with `auto`, as WhiteBalanceHandler does it. */
export async function writeWhiteBalanceDemo(demoDir: string, photos: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  const cast = await sharp(path.join(photos, 'chelsea.jpg')).recomb([[1.0, 0, 0], [0, 0.85, 0], [0, 0, 0.6]]).jpeg({ quality: 90 }).toBuffer();
  const { proxy } = await decoder.decodeProxy(cast, ANALYSIS_PROXY_SIDE);
  const balance = whiteBalance(proxy, { method: 'auto', intensity: 1 });
  const full = await decoder.decodeFull(cast);
  const encoded = await encoder.encode(applyLut(full.image, balance.lut), full.source.format);
  writeFileSync(path.join(demoDir, 'white-balance.jpg'), encoded.buffer);
  const result = {
    width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha,
    method: balance.method, intensity: 1,
    estimated_white: { cct_kelvin: Math.round(balance.cctKelvin), duv: +balance.duv.toFixed(4), rgb: balance.illuminant.map((v) => +v.toFixed(4)), confidence: +balance.confidence.toFixed(3) },
  };
  writeFileSync(path.join(demoDir, 'white-balance.json'), `${JSON.stringify(result, null, 2)}\n`);
}
