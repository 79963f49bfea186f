import { operationRoute } from '../../operations/operation-route';

/** What every LUT export answers (the file, or JSON on request), for the routes' descriptions. */
export const LUT_FILE_DOC =
  'Answers with the .cube file (text/plain attachment; red varies fastest, DOMAIN 0–1, sRGB-encoded values — what Resolve, Premiere and ffmpeg lut3d read) ' +
  'and the task, credits and LUT size in X-Task-Id, X-Credits-Used, X-Credits-Remaining and X-Lut-Size headers; `response_format: "json"` answers JSON with a download URL. ' +
  'A LUT holds colour only: spatial effects (grain, halation, bloom, vignette, chromatic aberration) are never in it (X-Spatial-Effects: not included).';

export const LutExportMatchRoute = operationRoute('lut_export_match', {
  path: 'api/v1/lut/export/match',
  operationId: 'LutExportController_exportMatch', // ids from before these routes came from the factory: generated clients keep their methods
  tags: ['LUT Export'],
  title: 'Export a colour match as a .cube LUT',
  description: `The same fit and bake as POST /match, so the file applied to the target reproduces the /match image. ${LUT_FILE_DOC}`,
  ok: 'The .cube file, or JSON `{ task_id, result: { key, url, filename, size, bytes, title, spatial_effects_included: false, note, method, params }, … }`',
  params: (body) => ({ method: body.method, params: { ...(body.params ?? {}) }, size: body.size }),
});

export const LutExportBeforeAfterRoute = operationRoute('lut_export_before_after', {
  path: 'api/v1/lut/export/before-after',
  operationId: 'LutExportController_exportBeforeAfter',
  tags: ['LUT Export'],
  title: 'Export a LUT fitted from before/after images as a .cube',
  description:
    'Fits the 3D LUT that turns `before` into `after` (the same frame; sizes may differ, aspect ratios must match — 422 otherwise): ' +
    'each pixel pair is a sample, the LUT minimises the error plus a smoothness term, and colours the pair never shows are filled ' +
    'smoothly rather than snapping back to identity. The JSON result reports `fit.rms_error` (8-bit codes) and `fit.coverage` (share of the grid with samples). ' +
    LUT_FILE_DOC,
  params: (body) => ({ size: body.size }),
});
