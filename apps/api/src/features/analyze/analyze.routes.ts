import { operationRoute } from '../../operations/operation-route';

export const AnalyzeRoute = operationRoute('analyze', {
  path: 'api/v1/analyze',
  tags: ['Analysis'],
  title: 'Analyze image colour statistics',
  description:
    'Per-channel mean, standard deviation and percentiles in RGB (0–255) and CIELAB; 256-bin histograms of R, G, B and luminance; ' +
    'luminance statistics (exposure estimate in EV against 18% grey, RMS contrast, clipped shadows and highlights in %, dynamic range in EV); ' +
    'colourfulness (Hasler–Süsstrunk); a dominant palette (seeded k-means in Oklab) and an estimated white point (CCT in kelvin and tint). ' +
    'Statistics are computed on a proxy with the long side at most 512 px; width, height and format describe the original.',
  ok: '`{ task_id, result, history_id: null, credits_used, credits_remaining, sandbox }`',
  params: () => ({}),
});
