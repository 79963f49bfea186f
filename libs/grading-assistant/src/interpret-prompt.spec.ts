import { analyzeImage, getPreset, gradeTransform, neutralGradeValues, validateGradeValues, type ColorGradeValues, type RgbImage } from '@gradekit/color';
import { gradeValuesToSnake } from '@gradekit/contracts';
import { imageStatsOf, type ChatMessage, type ImageStats } from './assistant.model';
import { assessPrompt, interpretPrompt } from './interpret-prompt';

/** A dotted snake_case path into the API's values. */
function valueAt(values: ColorGradeValues, path: string): number {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], gradeValuesToSnake(values)) as number;
}

/** Statistics of a plain, well-exposed, neutral photo: the statistics-driven terms leave it alone. */
const BALANCED: ImageStats = {
  exposureEv: -0.7,
  medianLuminance: 117,
  rmsContrast: 0.2,
  clippedHighlightsPercent: 0,
  clippedShadowsPercent: 0,
  whitePointCctKelvin: 6504,
  whitePointDuv: 0.0032,
  whitePointConfidence: 1,
  colorfulness: 50,
};

describe('interpretPrompt: the vocabulary on a table of prompts (from neutral)', () => {
  it.each<[string, Record<string, number>]>([
    ['warmer', { temperature: 20 }],
    ['Make it WARMER please', { temperature: 20 }],
    ['a bit cooler', { temperature: -10 }],
    ['much warmer', { temperature: 30 }],
    ['less warm', { temperature: -20 }],
    ['too warm', { temperature: -20 }],
    ['not so warm', { temperature: -20 }],
    ['warm it up a bit', { temperature: 10 }],
    ['teal and orange', { 'split_toning.highlight_hue': 32, 'split_toning.highlight_saturation': 30, 'split_toning.shadow_hue': 190, 'split_toning.shadow_saturation': 35, contrast: 10 }],
    ['teal-&-orange', { 'split_toning.shadow_hue': 190 }],
    ['crush the blacks', { blacks: -30, shadows: -8, fade: 0 }],
    ['lift the blacks', { fade: 20, blacks: 10 }],
    ['milky blacks', { fade: 20, blacks: 10 }],
    ['film look', { highlights: -20, fade: 8, saturation: -8 }],
    ['analogue', { highlights: -20 }],
    ['moody', { exposure: -0.3, saturation: -15, shadows: -15 }],
    ['cinematic', { contrast: 15, highlights: -20 }],
    ['punchy', { contrast: 20, vibrance: 15 }],
    ['vibrant', { vibrance: 20, saturation: 12 }],
    ['muted', { vibrance: -20, saturation: -12 }],
    ['desaturated', { saturation: -12 }],
    ['less saturated skin', { 'hsl.orange.saturation': -20, 'hsl.red.saturation': -12, saturation: 0 }],
    ['desaturate the skin a little', { 'hsl.orange.saturation': -10, 'hsl.red.saturation': -6 }],
    ['brighter', { exposure: 0.5 }],
    ['darker', { exposure: -0.5 }],
    ['more exposure', { exposure: 0.5 }],
    ['more contrast', { contrast: 20 }],
    ['less contrast', { contrast: -20 }],
    ['flat', { contrast: -20 }],
    ['recover highlights', { highlights: -35, whites: -10 }],
    ['open up the shadows', { shadows: 35, blacks: 5 }],
    ['black and white', { saturation: -100 }],
    ['B&W', { saturation: -100 }],
    ['greyscale', { saturation: -100 }],
    ['vintage', { fade: 18, temperature: 12, contrast: -10 }],
    ['vintage, retro', { fade: 18, temperature: 12 }],
    ['faded', { fade: 25 }],
    ['fix the green tint', { tint: 15 }],
    ['too green', { tint: 15 }],
    ['too magenta', { tint: -15 }],
    ['correct the yellow cast', { temperature: -20 }],
    ['remove the blue cast', { temperature: 20 }],
    ['reduce the redness', { 'hsl.red.saturation': -15, 'hsl.orange.saturation': -5 }],
    ['teal shadows and warm highlights', { 'split_toning.shadow_hue': 195, 'split_toning.shadow_saturation': 25, 'split_toning.highlight_hue': 40 }],
    ['a bit warmer and much more contrast', { temperature: 10, contrast: 30 }],
    ['warmer, but only slightly', { temperature: 10 }],
    ['very very very much warmer', { temperature: 50 }],
  ])('%s', (prompt, expected) => {
    const { values, unrecognised } = interpretPrompt(prompt);
    for (const [path, value] of Object.entries(expected)) expect([path, valueAt(values, path)]).toEqual([path, value]);
    expect(unrecognised).toEqual([]);
  });

  it('moves nothing it was not asked to', () => {
    const { values, changes } = interpretPrompt('warmer');
    expect({ ...values, temperature: 0 }).toEqual(neutralGradeValues());
    expect(changes).toEqual([{ term: 'warmer', effect: 'Warmer white balance: temperature 0 → 20.', fields: ['temperature'] }]);
  });

  it('describes each change with its words, its effect and the snake_case fields it moved', () => {
    const { changes, reply } = interpretPrompt('slightly cooler and teal and orange, crush the blacks');
    expect(changes.map((c) => c.term)).toEqual(['slightly cooler', 'teal and orange', 'crush the blacks']);
    expect(changes[0]).toEqual({ term: 'slightly cooler', effect: 'Cooler white balance (×0.5): temperature 0 → -10.', fields: ['temperature'] });
    expect(changes[1].fields).toEqual(expect.arrayContaining(['split_toning.shadow_hue', 'split_toning.highlight_saturation', 'hsl.orange.saturation', 'contrast']));
    expect(changes[2].fields).toEqual(['shadows', 'blacks']);
    expect(reply).toContain('Cooler white balance (×0.5)');
  });

  it('starts from a named preset and applies the other terms on top, wherever they are written', () => {
    const kodachrome = getPreset('kodachrome')!.values;
    expect(interpretPrompt('like kodachrome').values).toEqual(kodachrome);
    const cooler = interpretPrompt('slightly cooler, like Kodachrome');
    expect(cooler.values.temperature).toBe(kodachrome.temperature - 10);
    expect(cooler.values.contrast).toBe(kodachrome.contrast);
    expect(cooler.changes[0].effect).toMatch(/^Started from the kodachrome preset \(Kodachrome-style\) at 100%/);
    // "a bit like" is the preset at half strength (values interpolated like gradeTransform's intensity).
    expect(interpretPrompt('a bit like sepia').values.saturation).toBe(-50);
    // After "like", a preset name beats the vocabulary phrase it shares.
    expect(interpretPrompt('like teal & orange').values).toEqual(getPreset('teal_orange')!.values);
    expect(interpretPrompt('portra').values).toEqual(getPreset('portra_400')!.values);
  });

  it('clamps to the ranges and always returns values that validate', () => {
    const { values } = interpretPrompt('extremely much warmer, warmer, hotter and a lot brighter, very very brighter');
    expect(values.temperature).toBeLessThanOrEqual(100);
    const stacked = interpretPrompt('much warmer', { current: { ...neutralGradeValues(), temperature: 95 } });
    expect(stacked.values.temperature).toBe(100);
    expect(stacked.changes[0].effect).toBe('Warmer white balance (×1.5): temperature 95 → 100.');
    for (const prompt of ['black and white, much more saturated', 'lift the blacks a lot, faded, vintage, matte', 'crush the blacks a lot', 'teal and orange, warm shadows, cool highlights']) {
      expect(validateGradeValues(interpretPrompt(prompt).values).ok).toBe(true);
    }
    expect(interpretPrompt('crush the blacks a lot').values.fade).toBe(0);
  });

  it('adds toning as colour vectors: the same hue deepens, the opposite hue cancels', () => {
    expect(interpretPrompt('teal shadows, much more teal shadows').values.splitToning).toMatchObject({ shadowHue: 195, shadowSaturation: 37.5 });
    const { values } = interpretPrompt('warm shadows', { current: interpretPrompt('teal shadows').values });
    expect(values.splitToning.shadowSaturation).toBeLessThan(25);
    expect(interpretPrompt('less teal shadows', { current: interpretPrompt('teal shadows').values }).values.splitToning).toMatchObject({ shadowHue: 195, shadowSaturation: 0 });
  });

  it('reports the words it did not understand, and still does what it understood', () => {
    const result = interpretPrompt('make it warmer with sparkly unicorn vibes');
    expect(result.values.temperature).toBe(20);
    expect(result.unrecognised).toEqual(['sparkly unicorn vibes']);
    expect(result.reply).toContain('I did not understand: "sparkly unicorn vibes".');
  });

  it('is deterministic: the same prompt and statistics give the same values', () => {
    const prompt = 'auto, then teal and orange, a touch of film look, less saturated skin';
    const stats = { ...BALANCED, exposureEv: -2.2, whitePointCctKelvin: 4100 };
    const first = interpretPrompt(prompt, { stats });
    for (let i = 0; i < 5; i++) expect(interpretPrompt(prompt, { stats })).toEqual(first);
  });
});

describe('interpretPrompt: terms that read the image statistics', () => {
  it('fix exposure brightens a dark image, darkens a bright one and leaves a balanced one', () => {
    expect(interpretPrompt('fix exposure', { stats: { ...BALANCED, exposureEv: -2.4, medianLuminance: 52 } }).values.exposure).toBeCloseTo(1.5, 5);
    const bright = interpretPrompt('fix exposure', { stats: { ...BALANCED, exposureEv: 0.6, medianLuminance: 190 } }).values.exposure;
    expect(bright).toBeLessThan(-0.5);
    const balanced = interpretPrompt('fix exposure', { stats: BALANCED });
    expect(balanced.values.exposure).toBe(0);
    expect(balanced.changes[0].effect).toContain('the exposure is already balanced');
    // Without statistics (the api's check) the term is understood and changes nothing.
    const blind = interpretPrompt('fix exposure');
    expect(blind.values).toEqual(neutralGradeValues());
    expect(blind.changes[0].effect).toContain("needs the image's statistics");
  });

  it('neutral white balance cools a warm white, warms a cold one and removes a green tint', () => {
    const warm = interpretPrompt('neutral white balance', { stats: { ...BALANCED, whitePointCctKelvin: 4000 } }).values;
    expect(warm.temperature).toBeCloseTo(-(1e6 / 4000 - 1e6 / 6504) * 0.9, 1);
    const cold = interpretPrompt('fix the white balance', { stats: { ...BALANCED, whitePointCctKelvin: 10000 } }).values;
    expect(cold.temperature).toBeGreaterThan(40);
    const green = interpretPrompt('remove the colour cast', { stats: { ...BALANCED, whitePointDuv: 0.0092 } }).values;
    expect(green.tint).toBeCloseTo(27, 5);
    expect(interpretPrompt('neutral white balance', { stats: BALANCED }).values).toEqual(neutralGradeValues());
  });

  it('neutral white balance really neutralises a warm-cast image (statistics from analyzeImage, grade applied)', () => {
    // A grey ramp under a warm cast: R up, B down.
    const width = 64;
    const height = 16;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const grey = 30 + ((i % width) / (width - 1)) * 200;
      data[i * 3] = Math.min(255, Math.round(grey * 1.18));
      data[i * 3 + 1] = Math.round(grey);
      data[i * 3 + 2] = Math.round(grey * 0.78);
    }
    const image: RgbImage = { data, width, height, channels: 3 };
    const stats = imageStatsOf(analyzeImage(image));
    expect(stats.whitePointCctKelvin).toBeLessThan(5000);
    const { values } = interpretPrompt('neutral white balance', { stats });
    expect(values.temperature).toBeLessThan(-20);
    const rgb = Float32Array.from(data, (v) => v / 255);
    const ratio = (px: Float32Array) => {
      let r = 0;
      let b = 0;
      for (let i = 0; i < px.length; i += 3) {
        r += px[i];
        b += px[i + 2];
      }
      return r / b;
    };
    const before = ratio(rgb);
    gradeTransform(values)(rgb);
    expect(Math.abs(ratio(rgb) - 1)).toBeLessThan(Math.abs(before - 1) * 0.5);
  });

  it('auto corrects a dark, flat, dull image on every axis it measures', () => {
    const stats: ImageStats = { ...BALANCED, exposureEv: -2.5, medianLuminance: 50, rmsContrast: 0.1, colorfulness: 15, clippedShadowsPercent: 6, clippedHighlightsPercent: 1 };
    const { values, changes } = interpretPrompt('auto', { stats });
    expect(values.exposure).toBeGreaterThan(0.5);
    expect(values.contrast).toBe(20);
    expect(values.vibrance).toBe(20);
    expect(values.shadows).toBe(18);
    expect(values.highlights).toBe(-20);
    expect(changes).toHaveLength(1);
    expect(interpretPrompt('auto', { stats: BALANCED }).changes[0].effect).toContain('already looks balanced');
  });

  it('recover highlights pulls harder when the image really clips', () => {
    expect(interpretPrompt('recover highlights', { stats: { ...BALANCED, clippedHighlightsPercent: 2 } }).values.highlights).toBe(-51);
    expect(interpretPrompt('brighter highlights').values.highlights).toBe(35);
  });
});

describe('interpretPrompt: refining a conversation', () => {
  /** Runs prompts as a client would: each answer's values and messages go into the next call. */
  function converse(prompts: string[], stats?: ImageStats) {
    let current: ColorGradeValues | undefined;
    let history: ChatMessage[] = [];
    const steps = [];
    for (const prompt of prompts) {
      const result = interpretPrompt(prompt, { current, history, stats });
      steps.push(result);
      current = result.values;
      history = [...history, { role: 'user', content: prompt }, { role: 'assistant', content: result.reply }];
    }
    return steps;
  }

  it('applies a new instruction relative to the current values', () => {
    const [, second] = converse(['teal and orange', 'warmer']);
    expect(second.values).toMatchObject({ temperature: 20, contrast: 10 });
    expect(second.values.splitToning.shadowHue).toBe(190);
  });

  it('"a bit more" repeats the last instruction at half scale, "much more" at 1.5, "less" backs off by half', () => {
    const steps = converse(['warmer and more contrast', 'a bit more', 'more of that', 'much more', 'less']);
    expect(steps.map((s) => [s.values.temperature, s.values.contrast])).toEqual([
      [20, 20],
      [30, 30],
      [50, 50],
      [80, 80],
      [70, 70],
    ]);
    expect(steps[1].changes.map((c) => c.term)).toEqual(['a bit more → warmer', 'a bit more → more contrast']);
  });

  it('a repeat skips earlier repeats and undone turns to find the instruction', () => {
    const steps = converse(['warmer', 'more contrast', 'undo', 'stronger']);
    expect(steps[3].values).toMatchObject({ temperature: 50, contrast: 0 });
  });

  it('"undo" replays the user prompts except the last one from neutral; two undos go back two steps', () => {
    const steps = converse(['film look', 'much warmer', 'crush the blacks', 'undo', 'undo', 'go back']);
    expect(steps[3].values).toEqual(steps[1].values);
    expect(steps[4].values).toEqual(steps[0].values);
    expect(steps[5].values).toEqual(neutralGradeValues());
    expect(steps[3].changes[0]).toMatchObject({ term: 'undo', fields: expect.arrayContaining(['blacks']) });
  });

  it('undo ignores current values edited by the client, and can carry a new instruction', () => {
    const undone = interpretPrompt('undo that and make it cooler', {
      current: { ...neutralGradeValues(), exposure: 3 },
      history: [
        { role: 'user', content: 'warmer' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'black and white' },
        { role: 'assistant', content: 'ok' },
      ],
    });
    expect(undone.values).toMatchObject({ exposure: 0, temperature: 0, saturation: 0 });
  });

  it('"reset" goes back to neutral and applies what else the prompt says', () => {
    const [, reset] = converse(['vintage', 'start over with a film look']);
    expect(reset.values).toEqual(interpretPrompt('film look').values);
  });

  it('replays statistics-driven prompts with the same statistics (deterministic undo)', () => {
    const stats = { ...BALANCED, exposureEv: -2, medianLuminance: 60, whitePointCctKelvin: 4500 };
    const steps = converse(['auto', 'teal and orange', 'undo'], stats);
    expect(steps[2].values).toEqual(steps[0].values);
  });
});

describe('assessPrompt: what the api checks before charging', () => {
  const history: ChatMessage[] = [
    { role: 'user', content: 'warmer' },
    { role: 'assistant', content: 'Warmer white balance: temperature 0 → 20.' },
  ];

  it('accepts prompts that name an adjustment or a preset, in both modes', () => {
    for (const prompt of ['warmer', 'like noir', 'auto', 'fix exposure', 'make it sparkle but warmer']) {
      expect(assessPrompt(prompt, { mode: 'suggest' })).toEqual({ ok: true });
      expect(assessPrompt(prompt, { mode: 'refine', history: [] })).toEqual({ ok: true });
    }
  });

  it('refuses prompts with nothing recognised, naming the words', () => {
    expect(assessPrompt('make it sparkle like unicorns', { mode: 'suggest' })).toEqual({
      ok: false,
      reason: 'The prompt names no colour adjustment the assistant understands',
      unrecognised: ['sparkle', 'unicorns'],
    });
    expect(assessPrompt('   ', { mode: 'suggest' }).ok).toBe(false);
  });

  it('accepts "a bit more" only with an instruction to repeat, and undo/reset only in refine', () => {
    expect(assessPrompt('a bit more', { mode: 'refine', history })).toEqual({ ok: true });
    expect(assessPrompt('a bit more', { mode: 'refine', history: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('nothing to repeat') });
    expect(assessPrompt('a bit more', { mode: 'refine', history: [{ role: 'user', content: 'sparkle' }] }).ok).toBe(false);
    expect(assessPrompt('undo', { mode: 'refine', history })).toEqual({ ok: true });
    expect(assessPrompt('undo', { mode: 'suggest' })).toMatchObject({ ok: false, reason: expect.stringContaining('/api/v1/ai/refine') });
    expect(assessPrompt('a bit more', { mode: 'suggest' }).ok).toBe(false);
  });
});
