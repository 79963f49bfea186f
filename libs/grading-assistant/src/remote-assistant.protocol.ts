import { GRADE_RANGES, HSL_BANDS, mergeGradeValues, validateGradeValues, type ColorGradeValues } from '@gradekit/color';
import { gradePatchFromSnake, gradeValuesToSnake, snakeCaseKeys } from '@gradekit/contracts';
import { MAX_REPLY_CHARS, type ChatMessage, type GradeChange, type ImageStats } from './assistant.model';
import { describeDiffs, diffGradeValues, normaliseGradeValues } from './grade-values.ops';

/**
 * The conversation with an OpenAI-compatible chat model (POST {AI_API_URL}/chat/completions),
 * as pure text in and values out: the worker only carries the bytes. The model is asked for
 * the snake_case controls it wants to change as one JSON object; whatever it answers is
 * validated exactly like a client's `current_values`, and anything else is a failure the
 * worker answers with the built-in assistant.
 */
export interface RemoteChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const r = (name: keyof typeof GRADE_RANGES) => `${GRADE_RANGES[name][0]}..${GRADE_RANGES[name][1]}`;

const CONTROLS_DOC = [
  `exposure (${r('exposure')} EV, 0 neutral): linear light × 2^EV`,
  `temperature (${r('temperature')} mired, 0 neutral): + warmer, − cooler`,
  `tint (${r('tint')}, 0 neutral): + magenta, − green`,
  `contrast (${r('contrast')}, 0 neutral): S-curve around middle grey`,
  `highlights, shadows (${r('highlights')}, 0 neutral): − pulls down, + lifts`,
  `whites, blacks (${r('whites')}, 0 neutral): move the white and black points`,
  `vibrance (${r('vibrance')}, 0 neutral): saturation of muted colours, skin protected`,
  `saturation (${r('saturation')}, 0 neutral): −100 is black and white`,
  `fade (${r('fade')}, 0 neutral): lifted, milky blacks`,
  `hsl.<band>.{hue,saturation,luminance} (${r('hsl')} each, 0 neutral), bands: ${HSL_BANDS.join(', ')}`,
  `split_toning.{highlight_hue,shadow_hue} (${r('hue')} degrees: 0 red, 30 orange, 60 yellow, 180 cyan, 200 teal, 220 blue), ` +
    `split_toning.{highlight_saturation,shadow_saturation} (${r('splitSaturation')}, 0 neutral), split_toning.balance (${r('balance')})`,
  `lift_gamma_gain.{lift,gamma}.{master,red,green,blue} (${r('lift')}, 0 neutral), lift_gamma_gain.gain.{master,red,green,blue} (${r('gain')}, 1 neutral)`,
  'tone_curve.{master,red,green,blue}: 2..16 [input, output] points in 0..1, inputs increasing, outputs non-decreasing; [[0,0],[1,1]] neutral',
].join('\n- ');

function statsText(stats: ImageStats | undefined): string {
  if (!stats) return 'not available';
  return JSON.stringify({
    exposure_ev: round(stats.exposureEv),
    median_luminance_0_255: round(stats.medianLuminance),
    rms_contrast: round(stats.rmsContrast),
    clipped_highlights_percent: round(stats.clippedHighlightsPercent),
    clipped_shadows_percent: round(stats.clippedShadowsPercent),
    white_point_cct_kelvin: Math.round(stats.whitePointCctKelvin),
    white_point_duv: round(stats.whitePointDuv, 4),
    colorfulness: round(stats.colorfulness),
  });
}

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The chat to send: a system prompt (controls, ranges, statistics, current values), the conversation, the new prompt. */
export function buildRemoteMessages(input: { prompt: string; stats?: ImageStats; current?: ColorGradeValues; history?: readonly ChatMessage[] }): RemoteChatMessage[] {
  const current = input.current ? JSON.stringify(gradeValuesToSnake(input.current)) : 'all neutral (an ungraded image)';
  const system =
    'You are a professional colourist. Turn the request into colour-grading control values for this photo.\n' +
    `Controls (snake_case):\n- ${CONTROLS_DOC}\n` +
    `Image statistics: ${statsText(input.stats)}\n` +
    `Current values: ${current}\n` +
    'Answer with ONE JSON object and nothing else: {"values": {<only the controls you change, with their new absolute values>}, "reply": "<one or two sentences for the user>"}. ' +
    'Controls you leave out keep their current values. Stay inside the ranges.';
  return [{ role: 'system', content: system }, ...(input.history ?? []).map((m) => ({ role: m.role, content: m.content })), { role: 'user', content: input.prompt }];
}

/** The OpenAI chat-completions request body. */
export function remoteRequestBody(model: string, messages: readonly RemoteChatMessage[]): string {
  return JSON.stringify({ model, messages, temperature: 0, response_format: { type: 'json_object' } });
}

export type RemoteAnswer = { ok: true; values: ColorGradeValues; reply: string | null; changes: GradeChange[] } | { ok: false; reason: string };

/** The first JSON object in a completion's text (models sometimes wrap it in a ``` fence or a sentence). */
function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('no JSON object in the answer');
  return JSON.parse(text.slice(start, end + 1));
}

/**
 * Reads a chat-completions response body: `choices[0].message.content` must hold a JSON
 * object whose `values` (or the object itself) are valid snake_case controls; they are
 * merged over `base` (the current values, or neutral for a suggestion).
 */
export function parseRemoteAnswer(responseBody: string, base: ColorGradeValues, prompt: string): RemoteAnswer {
  let content: unknown;
  try {
    content = (JSON.parse(responseBody) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  } catch {
    return { ok: false, reason: 'the response is not JSON' };
  }
  if (typeof content !== 'string') return { ok: false, reason: 'the response has no choices[0].message.content' };
  let answer: unknown;
  try {
    answer = extractJson(content);
  } catch (error) {
    return { ok: false, reason: `the answer is not a JSON object (${(error as Error).message})` };
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return { ok: false, reason: 'the answer is not a JSON object' };
  const { values: nested, reply, ...rest } = answer as Record<string, unknown>;
  if (nested === undefined && Object.keys(rest).length === 0) return { ok: false, reason: 'the answer has no values' };
  const raw = nested ?? rest;
  // camelCase keys a model may write anyway → snake_case, so only the values themselves are judged.
  const patch = gradePatchFromSnake(snakeCaseKeys<unknown>(raw));
  if (!patch.ok) {
    const problems = patch.problems.slice(0, 5).map((p) => `${p.field || 'values'}: ${p.message}`).join('; ');
    return { ok: false, reason: `the values are invalid (${problems})` };
  }
  const merged = validateGradeValues(normaliseGradeValues(mergeGradeValues(base, patch.value)));
  if (!merged.ok) return { ok: false, reason: 'the merged values are invalid' };
  const text = typeof reply === 'string' && reply.trim() ? reply.trim().slice(0, MAX_REPLY_CHARS) : null;
  const diffs = diffGradeValues(normaliseGradeValues(base), merged.value);
  const effect = `${text ?? 'Set by the remote assistant'}${diffs.length ? ` (${describeDiffs(diffs)})` : ' (no change)'}`;
  return { ok: true, values: merged.value, reply: text, changes: [{ term: prompt.trim(), effect, fields: diffs.map((d) => d.field) }] };
}
