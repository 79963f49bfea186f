import { operationRoute } from '../../operations/operation-route';

export const MatchRoute = operationRoute('match', {
  path: 'api/v1/match',
  operationId: 'MatchController_match', // the id before this route came from the factory: generated clients keep their method
  tags: ['Color Matching'],
  title: 'Single image color matching',
  description:
    'Grades the target so its colours match the reference. The fit runs on ≤ 512 px proxies and is baked into a 3D LUT ' +
    '(params.lut_size, 33³ by default) applied to the full-resolution target in one tetrahedral pass; /lut/export/match ' +
    'exports the same LUT. Methods: `natural` (default; Oklab chroma transfer with the target\'s tonal shape kept and bounded ' +
    'gains, best structure), `direct` (full Monge–Kantorovich linear transfer, strongest), `smooth` (monotone, smoothed ' +
    'histogram transfer, closest distribution) and `balanced` (a blend of natural and smooth). The response reports the ' +
    'colour gap to the reference before and after (W1 in CIELAB and ΔE2000 of means and palettes). The output keeps the ' +
    'input format, alpha and 16-bit depth (PNG/TIFF), with EXIF orientation applied and an sRGB profile.',
  ok: '`{ task_id, result: { key, url, width, height, format, bytes, method, params, color_gap }, history_id, credits_used, credits_remaining, sandbox }`',
  params: (body) => ({ method: body.method, params: { ...(body.params ?? {}) } }),
});
