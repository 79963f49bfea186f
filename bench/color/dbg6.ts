import { srgbToLabBuffer, srgbToOklabBuffer, labSamples, imageToRgbFloat, RgbImage } from '@gradekit/color';
const n = 196608;
const img: RgbImage = { width: 512, height: 384, channels: 3, data: new Uint8Array(n * 3).map((_, i) => (i * 7919) % 251) };
const f = imageToRgbFloat(img);
const t = (name: string, fn: () => unknown) => { for (let k = 0; k < 3; k++) fn(); const t0 = performance.now(); for (let k = 0; k < 10; k++) fn(); console.log(name, ((performance.now() - t0) / 10).toFixed(2), 'ms'); };
t('imageToRgbFloat', () => imageToRgbFloat(img));
t('srgbToLabBuffer', () => srgbToLabBuffer(f));
t('srgbToOklabBuffer', () => srgbToOklabBuffer(f));
t('labSamples', () => labSamples(img));
