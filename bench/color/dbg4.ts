import sharp from 'sharp';
import { colorGap, matchColors, analyzeImage, RgbImage, applyLut, fitImageOf, fitMatchTransform, resolveMatchParams, bakeLut, MATCH_METHODS } from '@gradekit/color';
import { PHOTO_DIR } from '../common/photos';
(async () => {
  const load = async (f: string): Promise<RgbImage> => { const { data, info } = await sharp(`${PHOTO_DIR}/${f}.jpg`).removeAlpha().resize(512, 512, { fit: 'inside', kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true }); return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) }; };
  const a = await load('motorcycle_left'), b = await load('motorcycle_right');
  const t = (name: string, f: () => unknown, reps = 7) => { f(); const ts: number[] = []; for (let i = 0; i < reps; i++) { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); ts.push((c.user + c.system) / 1e3); } ts.sort((x, y) => x - y); console.log(name.padEnd(30), ts[reps >> 1].toFixed(1), 'ms cpu'); };
  t('colorGap', () => colorGap(a, b));
  t('analyzeImage', () => analyzeImage(a));
  const src = fitImageOf(a), ref = fitImageOf(b);
  for (const m of MATCH_METHODS) { const p = resolveMatchParams(m); t('fit ' + m, () => fitMatchTransform(m, src, ref, p)); const tr = fitMatchTransform(m, src, ref, p); t('bake33 ' + m, () => bakeLut(tr, 33)); }
  t('matchColors natural', () => matchColors(a, b));
})();
