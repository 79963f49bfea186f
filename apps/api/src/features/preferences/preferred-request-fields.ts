import {
  IMAGE_OUTPUT_PARAM,
  OPERATION_CATALOG,
  PREFERENCE_DEFINITIONS,
  type EffectivePreferences,
  type ImageOutputOptions,
  type JsonObject,
  type OperationName,
} from '@gradekit/contracts';

/**
 * Which operations take which preference, and where: a request field that is also a
 * top-level key of the op's params under the same name. A preference fills the params only
 * when the request left the field out (absent from the JSON body the client sent — the DTO's
 * own default does not count), so an explicit value always wins.
 */
export const PREFERRED_REQUEST_FIELDS = {
  default_method: { field: 'method', ops: ['match', 'match_batch', 'match_multi', 'lut_export_match'] },
  lut_size: { field: 'size', ops: ['lut_export_match', 'lut_export_before_after', 'lut_export_preset'] },
} as const satisfies Partial<Record<keyof EffectivePreferences, { field: string; ops: readonly OperationName[] }>>;

/** Image ops that choose their output format themselves: bg-remove's `format`, the video test frame (PNG). */
export const OWN_OUTPUT_FORMAT_OPS: readonly OperationName[] = ['bg_remove_apply', 'video_test'];

/** The image ops whose outputs follow output_format and jpeg_quality. */
export function takesOutputPreferences(op: OperationName): boolean {
  const output = OPERATION_CATALOG[op].output;
  return (output === 'image' || output === 'images') && !OWN_OUTPUT_FORMAT_OPS.includes(op);
}

/**
 * The params a task stores, with the caller's preferences resolved into them (so a task
 * records what it used, a retry runs the same, and the worker never reads preferences).
 * `output` is added only when the caller prefers something other than the built-in
 * encoding, so tasks of users without preferences keep exactly their old params.
 */
export function withPreferences<P extends JsonObject>(op: OperationName, params: P, requestBody: unknown, preferences: EffectivePreferences): P {
  const sent = requestBody !== null && typeof requestBody === 'object' ? (requestBody as Record<string, unknown>) : {};
  const resolved: Record<string, JsonObject[string]> = { ...params };
  for (const [key, rule] of Object.entries(PREFERRED_REQUEST_FIELDS) as [keyof typeof PREFERRED_REQUEST_FIELDS, (typeof PREFERRED_REQUEST_FIELDS)[keyof typeof PREFERRED_REQUEST_FIELDS]][]) {
    if (!(rule.ops as readonly string[]).includes(op) || rule.field in sent || !(rule.field in params)) continue;
    resolved[rule.field] = preferences[key];
  }
  if (takesOutputPreferences(op)) {
    const output: ImageOutputOptions = {};
    if (preferences.output_format !== 'auto') output.format = preferences.output_format;
    if (preferences.jpeg_quality !== PREFERENCE_DEFINITIONS.jpeg_quality.defaultValue) output.jpeg_quality = preferences.jpeg_quality;
    if (Object.keys(output).length > 0) resolved[IMAGE_OUTPUT_PARAM] = { ...output };
  }
  return resolved as P;
}
