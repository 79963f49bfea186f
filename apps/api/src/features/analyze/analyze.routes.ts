import { operationRoute } from '../../operations/operation-route';

export const AnalyzeRoute = operationRoute('analyze', {
  path: 'api/v1/analyze',
  operationId: 'AnalyzeController_analyze', // the id before this route came from the factory: generated clients keep their method
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

export const ImageInfoRoute = operationRoute('image_info', {
  path: 'api/v1/image/info',
  tags: ['Analysis'],
  title: 'Image format, size and alpha from the header',
  description:
    "Reads the image's header only (nothing is decoded, so any size answers fast): format, displayed width and height (EXIF orientation " +
    'applied), megapixels, aspect ratio, whether it has alpha, and the file size. Free: no credits are charged, but the call is a task like any other ' +
    '(GET /tasks/{id}), with sandbox mode and Idempotency-Key.',
  ok: '`{ task_id, result: { format, width, height, megapixels, aspect_ratio, has_alpha, bytes }, history_id: null, credits_used: 0, credits_remaining, sandbox }`',
  params: () => ({}),
});
