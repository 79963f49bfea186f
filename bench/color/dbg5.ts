import sharp from 'sharp';
import { colorGap, analyzeImage, RgbImage, slicedWasserstein, labSamples, dominantPalette, imageToRgbFloat } from '@gradekit/color';
import { PHOTO_DIR } from '../common/photos';
(async () => {
  const load = async (f: string): Promise<RgbImage> => { const { data, info } = await sharp(`${PHOTO_DIR}/${f}.jpg`).removeAlpha().resize(512, 512, { fit: 'inside', kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true }); return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) }; };
  const a = await load('motorcycle_left'), b = await load('motorcycle_right');
  const t = (name: string, f: () => unknown, reps = 7) => { f(); const ts: number[] = []; for (let i = 0; i < reps; i++) { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); ts.push((c.user + c.system) / 1e3); } ts.sort((x, y) => x - y); console.log(name.padEnd(30), ts[reps >> 1].toFixed(1), 'ms cpu'); };
  const la = labSamples(a), lb = labSamples(b);
  t('labSamples', () => labSamples(a));
  t('sliced W1', () => slicedWasserstein(la, lb));
  const fa = imageToRgbFloat(a);
  t('palette', () => dominantPalette(fa, { k: 5 }));
  t('colorGap', () => colorGap(a, b));
  if (process.argv.includes('--analyze')) for (let i = 0; i < 20; i++) analyzeImage(a);
})();
