import type { VocabularyEntry } from './vocabulary.model';
import { autoToneCorrection, exposureCorrection, highlightRecoveryBoost, whiteBalanceCorrection } from './stats-corrections';

/**
 * THE VOCABULARY — the one place that says what the built-in assistant understands.
 * libs/grading-assistant/README.md documents it as a table; a unit test checks that every
 * entry is listed there.
 *
 * Matching (prompt-parser.ts): the prompt is lower-cased, British spellings folded
 * (colour → color, grey → gray, analogue → analog, -ise → -ize), "&" read as "and",
 * hyphens and slashes as spaces. Phrases match whole words, longest first, with
 * "the/my/it/its/this/your" allowed between their words ("crush the blacks",
 * "warm it up"). Each match takes the modifiers in front of it (or, failing that,
 * right after it): an intensifier multiplies its scale, a negator flips its sign.
 *
 * An entry's change is per unit of scale: "warmer" is +20 mired, "a bit warmer"
 * +10, "much warmer" +30, "less warm" −20. Changes add to the values being edited
 * (neutral for /ai/suggest, `current_values` for /ai/refine); the result is clamped
 * to each control's range.
 */

const NEEDS_STATS = "needs the image's statistics; nothing changed";

export const VOCABULARY: readonly VocabularyEntry[] = [
  {
    id: 'warmth',
    phrases: ['warmer', 'warm', 'warmth', 'warm up', 'hotter', 'amber', 'more amber', 'golden tones', 'yellow', 'yellowish', 'yellow cast', 'orange cast'],
    opposites: ['cooler', 'cool', 'colder', 'cold', 'cool down', 'bluer', 'icy', 'frosty', 'blue cast'],
    label: ['Warmer white balance', 'Cooler white balance'],
    problem: true,
    delta: { temperature: 20 },
  },
  {
    id: 'tint',
    phrases: ['magenta', 'magenta tint', 'magenta cast', 'more magenta', 'pinkish', 'pink tint', 'pink cast', 'pinker'],
    opposites: ['green tint', 'green cast', 'greenish', 'greenish tint', 'more green', 'green'],
    label: ['Tint toward magenta', 'Tint toward green'],
    problem: true,
    delta: { tint: 15 },
  },
  {
    id: 'teal_and_orange',
    phrases: ['teal and orange', 'orange and teal', 'teal orange', 'orange teal', 'blockbuster', 'blockbuster look', 'hollywood look'],
    label: ['Teal and orange: orange highlights and skin, teal shadows', 'Less teal and orange'],
    delta: {
      contrast: 10,
      hsl: { orange: { saturation: 10 }, aqua: { saturation: 10 }, blue: { hue: -10 } },
      splitToning: { highlightHue: 32, highlightSaturation: 30, shadowHue: 190, shadowSaturation: 35 },
    },
  },
  {
    id: 'crush_blacks',
    phrases: ['crush blacks', 'crushed blacks', 'crush black', 'deep blacks', 'deeper blacks', 'inky blacks', 'rich blacks', 'richer blacks', 'darker blacks', 'dense blacks', 'blacks'],
    label: ['Crushed blacks', 'Softer blacks'],
    delta: { blacks: -30, shadows: -8, fade: -10 },
  },
  {
    id: 'lift_blacks',
    phrases: ['lift blacks', 'lifted blacks', 'lift black', 'milky blacks', 'raise blacks', 'raised blacks', 'faded blacks', 'matte', 'matte blacks', 'matte look', 'washed blacks'],
    label: ['Lifted, milky blacks', 'Less lifted blacks'],
    delta: { fade: 20, blacks: 10 },
  },
  {
    id: 'film_look',
    phrases: ['film look', 'filmic', 'film', 'analog', 'analog look', 'film stock', '35mm', 'celluloid', 'film emulation', 'shot on film'],
    label: ['Film look: rolled-off highlights, soft matte toe, gentle warm/cool toning', 'Less of a film look'],
    delta: {
      contrast: 8,
      highlights: -20,
      shadows: 8,
      fade: 8,
      saturation: -8,
      vibrance: 5,
      splitToning: { highlightHue: 40, highlightSaturation: 12, shadowHue: 195, shadowSaturation: 10 },
    },
  },
  {
    id: 'moody',
    phrases: ['moody', 'moodier', 'dark and moody', 'brooding', 'somber', 'gloomy'],
    label: ['Moody: darker, denser, cooler and muted', 'Less moody'],
    delta: { exposure: -0.3, contrast: 12, shadows: -15, highlights: -10, saturation: -15, temperature: -6 },
  },
  {
    id: 'cinematic',
    phrases: ['cinematic', 'cinema look', 'movie look', 'cinematic look', 'like a movie'],
    label: ['Cinematic: contrast with rolled-off highlights, warm highlights over cool shadows', 'Less cinematic'],
    delta: {
      contrast: 15,
      highlights: -20,
      blacks: -8,
      saturation: -5,
      vibrance: 8,
      splitToning: { highlightHue: 38, highlightSaturation: 15, shadowHue: 200, shadowSaturation: 15 },
    },
  },
  {
    id: 'punchy',
    phrases: ['punchy', 'punchier', 'punch', 'more punch', 'pop', 'poppy', 'make pop', 'make it pop', 'snappy', 'crisp', 'more impact'],
    label: ['Punchier: more contrast and colour', 'Less punchy'],
    delta: { contrast: 20, vibrance: 15, blacks: -5, whites: 5 },
  },
  {
    id: 'vibrant',
    phrases: ['vibrant', 'vivid', 'colorful', 'more color', 'add color', 'boost color', 'boost colors', 'saturated', 'saturation', 'saturate', 'vibrance', 'rich colors', 'richer colors', 'intense colors', 'lively'],
    opposites: ['muted', 'desaturated', 'desaturate', 'washed out', 'subdued', 'less color', 'dull colors', 'pale', 'pastel', 'pastel colors', 'understated'],
    label: ['More saturated', 'Muted, less saturated'],
    delta: { vibrance: 20, saturation: 12 },
  },
  {
    id: 'skin_saturation',
    phrases: ['saturated skin', 'skin saturation', 'saturated skin tones', 'skin tone saturation', 'colorful skin', 'richer skin', 'rich skin tones'],
    opposites: ['desaturated skin', 'desaturate skin', 'desaturate skin tones', 'muted skin', 'muted skin tones', 'calmer skin', 'calm skin tones'],
    label: ['More saturated skin (orange and red bands)', 'Less saturated skin (orange and red bands)'],
    delta: { hsl: { orange: { saturation: 20 }, red: { saturation: 12 } } },
  },
  {
    id: 'redness',
    phrases: ['redness', 'red', 'reddish', 'red skin', 'ruddy', 'ruddy skin', 'flushed', 'red cast'],
    label: ['More red in skin', 'Less redness in skin'],
    problem: true,
    delta: { hsl: { red: { saturation: 15, hue: -5 }, orange: { saturation: 5 } } },
  },
  {
    id: 'skin_glow',
    phrases: ['brighter skin', 'glowing skin', 'luminous skin', 'skin glow', 'lighter skin tones', 'brighten skin'],
    label: ['Brighter skin tones', 'Darker skin tones'],
    delta: { hsl: { orange: { luminance: 15 } } },
  },
  {
    id: 'skin_warmth',
    phrases: ['warm skin', 'warmer skin', 'warm skin tones', 'warmer skin tones', 'golden skin', 'tanned skin'],
    opposites: ['cooler skin', 'cool skin', 'paler skin'],
    label: ['Warmer skin tones', 'Cooler skin tones'],
    delta: { hsl: { orange: { hue: -6, saturation: 8 }, red: { hue: 4 } } },
  },
  {
    id: 'exposure',
    phrases: ['brighter', 'brighten', 'lighter', 'lighten', 'bright', 'more exposure', 'exposure', 'increase exposure', 'overexpose', 'more light'],
    opposites: ['darker', 'darken', 'dark', 'dim', 'dimmer', 'underexpose', 'less light'],
    label: ['Brighter exposure', 'Darker exposure'],
    delta: { exposure: 0.5 },
  },
  {
    id: 'contrast',
    phrases: ['more contrast', 'contrast', 'contrasty', 'high contrast', 'higher contrast', 'hard contrast', 'harder', 'add contrast'],
    opposites: ['flat', 'flatter', 'low contrast', 'lower contrast', 'soft contrast', 'softer', 'soft'],
    label: ['More contrast', 'Less contrast'],
    delta: { contrast: 20 },
  },
  {
    id: 'recover_highlights',
    phrases: ['recover highlights', 'highlight recovery', 'tame highlights', 'save highlights', 'blown highlights', 'bring down highlights', 'roll off highlights', 'darker highlights', 'lower highlights', 'pull highlights', 'clipped highlights'],
    opposites: ['brighter highlights', 'brighten highlights', 'boost highlights', 'bright highlights', 'lift highlights', 'highlights'],
    label: ['Recovered highlights', 'Brighter highlights'],
    apply(v, k, stats) {
      v.highlights += k * (35 + highlightRecoveryBoost(stats)) * -1;
      v.whites += k * -10;
    },
  },
  {
    id: 'open_shadows',
    phrases: ['open shadows', 'open up shadows', 'lift shadows', 'lifted shadows', 'brighten shadows', 'brighter shadows', 'shadow detail', 'more shadow detail', 'recover shadows', 'lighter shadows', 'raise shadows'],
    opposites: ['deeper shadows', 'deepen shadows', 'darker shadows', 'darken shadows', 'crush shadows', 'dense shadows', 'shadows'],
    label: ['Opened shadows', 'Deeper shadows'],
    delta: { shadows: 35, blacks: 5 },
  },
  {
    id: 'black_and_white',
    phrases: ['black and white', 'b and w', 'b w', 'bw', 'monochrome', 'mono', 'grayscale', 'gray scale', 'no color', 'colorless', 'desaturate completely', 'fully desaturated'],
    label: ['Black and white (saturation −100)', 'Some colour back'],
    // Sets rather than adds: B&W is an end point. A scale under 1 goes part of the way;
    // negated ("less black and white") gives 50 points of saturation back per unit.
    apply(v, k) {
      if (k >= 1) {
        v.saturation = -100;
        v.vibrance = Math.min(v.vibrance, 0);
      } else if (k > 0) v.saturation += k * (-100 - v.saturation);
      else v.saturation += -k * 50;
    },
  },
  {
    id: 'vintage',
    phrases: ['vintage', 'retro', 'old school', 'nostalgic', 'old photo', '70s', 'seventies', 'aged', 'old fashioned'],
    label: ['Vintage: faded, warm, softer colour', 'Less vintage'],
    delta: {
      fade: 18,
      contrast: -10,
      saturation: -15,
      temperature: 12,
      hsl: { blue: { saturation: -15 } },
      splitToning: { highlightHue: 45, highlightSaturation: 18, shadowHue: 180, shadowSaturation: 12 },
    },
  },
  {
    id: 'faded',
    phrases: ['faded', 'fade', 'washed', 'washed look', 'faded look'],
    label: ['Faded: lifted blacks, lower contrast and colour', 'Less faded'],
    delta: { fade: 25, contrast: -10, saturation: -10 },
  },
  {
    id: 'warm_highlights',
    phrases: ['warm highlights', 'warmer highlights', 'golden highlights', 'orange highlights', 'amber highlights'],
    label: ['Warm (amber) highlight toning', 'Less highlight toning'],
    delta: { splitToning: { highlightHue: 40, highlightSaturation: 20 } },
  },
  {
    id: 'cool_highlights',
    phrases: ['cool highlights', 'cooler highlights', 'blue highlights', 'cold highlights'],
    label: ['Cool (blue) highlight toning', 'Less highlight toning'],
    delta: { splitToning: { highlightHue: 210, highlightSaturation: 20 } },
  },
  {
    id: 'teal_shadows',
    phrases: ['teal shadows', 'cool shadows', 'cooler shadows', 'blue shadows', 'cold shadows', 'cyan shadows'],
    label: ['Teal shadow toning', 'Less shadow toning'],
    delta: { splitToning: { shadowHue: 195, shadowSaturation: 25 } },
  },
  {
    id: 'warm_shadows',
    phrases: ['warm shadows', 'warmer shadows', 'orange shadows', 'brown shadows'],
    label: ['Warm shadow toning', 'Less shadow toning'],
    delta: { splitToning: { shadowHue: 35, shadowSaturation: 20 } },
  },
  {
    id: 'greens',
    phrases: ['richer greens', 'greener foliage', 'lush greens', 'vibrant greens', 'saturated greens', 'lush', 'greener'],
    opposites: ['muted greens', 'desaturate greens', 'desaturated greens', 'olive greens'],
    label: ['Richer greens', 'Muted greens'],
    delta: { hsl: { green: { saturation: 20 }, yellow: { saturation: 8 } } },
  },
  {
    id: 'blue_sky',
    phrases: ['bluer sky', 'deeper sky', 'blue sky', 'richer blues', 'deep blue sky', 'saturated blues', 'dramatic sky', 'bluer skies'],
    opposites: ['muted blues', 'paler sky', 'muted sky'],
    label: ['Deeper blue sky', 'Paler blues'],
    delta: { hsl: { blue: { saturation: 20, luminance: -12 }, aqua: { saturation: 10 } } },
  },
  {
    id: 'whites',
    phrases: ['brighter whites', 'clean whites', 'cleaner whites', 'crisp whites', 'whiter whites', 'whites'],
    opposites: ['dull whites', 'softer whites', 'gray whites'],
    label: ['Brighter, cleaner whites', 'Softer whites'],
    delta: { whites: 20 },
  },
  {
    id: 'dramatic',
    phrases: ['dramatic', 'drama', 'gritty', 'harsh', 'edgy', 'intense'],
    label: ['Dramatic: hard contrast, deep blacks, restrained colour', 'Less dramatic'],
    delta: { contrast: 25, saturation: -12, blacks: -10, highlights: -10 },
  },
  {
    id: 'bright_airy',
    phrases: ['bright and airy', 'airy', 'light and airy', 'dreamy', 'ethereal', 'soft and bright'],
    label: ['Bright and airy: lighter, softer, open shadows', 'Less airy'],
    delta: { exposure: 0.3, contrast: -15, shadows: 20, highlights: -10, saturation: -10, fade: 6 },
  },
  {
    id: 'fix_exposure',
    phrases: ['fix exposure', 'correct exposure', 'auto exposure', 'proper exposure', 'properly exposed', 'balance exposure', 'normalize exposure', 'exposure fix', 'well exposed', 'fix brightness'],
    label: ["Exposure corrected from the image's brightness", 'Exposure correction reversed'],
    needsStats: true,
    apply(v, k, stats) {
      if (!stats) return NEEDS_STATS;
      const ev = exposureCorrection(stats);
      if (ev === null) return 'the exposure is already balanced';
      v.exposure += k * ev;
    },
  },
  {
    id: 'neutral_white_balance',
    phrases: ['neutral white balance', 'fix white balance', 'correct white balance', 'auto white balance', 'white balance', 'balance whites', 'neutral whites', 'remove color cast', 'fix color cast', 'color cast', 'neutral colors', 'true colors', 'awb'],
    label: ["White balance neutralised from the image's white point", 'White balance correction reversed'],
    needsStats: true,
    apply(v, k, stats) {
      if (!stats) return NEEDS_STATS;
      const wb = whiteBalanceCorrection(stats);
      if (!wb) return 'the white balance is already neutral';
      v.temperature += k * wb.temperature;
      v.tint += k * wb.tint;
    },
  },
  {
    id: 'auto',
    phrases: ['auto', 'auto fix', 'auto correct', 'autocorrect', 'auto enhance', 'enhance', 'auto adjust', 'auto grade', 'auto color', 'fix it', 'correct it', 'improve'],
    label: ["Automatic correction from the image's statistics", 'Automatic correction reversed'],
    needsStats: true,
    apply(v, k, stats) {
      if (!stats) return NEEDS_STATS;
      const ev = exposureCorrection(stats);
      if (ev !== null) v.exposure += k * ev;
      const wb = whiteBalanceCorrection(stats);
      if (wb) {
        v.temperature += k * wb.temperature;
        v.tint += k * wb.tint;
      }
      const tone = autoToneCorrection(stats);
      for (const key of ['contrast', 'highlights', 'shadows', 'vibrance'] as const) v[key] += k * (tone[key] ?? 0);
      if (ev === null && !wb && Object.keys(tone).length === 0) return 'the image already looks balanced';
    },
  },
];
