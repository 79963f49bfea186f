import { EffectsConfig, EffectsPatch } from './effects-config.model';
import { mergeEffects, validateEffectsConfig } from './effects-config.validate';

export interface FilmEffectPreset {
  /** API identifier, snake_case (GET /film-effects/presets). Never rename one. */
  name: string;
  displayName: string;
  description: string;
  /** Complete, validated config. */
  effects: EffectsConfig;
}

interface Definition {
  name: string;
  displayName: string;
  description: string;
  effects: EffectsPatch;
}

const DEFINITIONS: readonly Definition[] = [
  {
    name: 'kodak_portra_grain', displayName: 'Portrait Film Grain',
    description: 'Fine, soft monochrome grain of a 400-speed portrait negative.',
    effects: { grain: { amount: 18, size: 25, roughness: 35, color: 10 } },
  },
  {
    name: 'tri_x_grain', displayName: 'Tri-X Grain',
    description: 'Gritty, pronounced silver grain of pushed black-and-white film.',
    effects: { grain: { amount: 45, size: 45, roughness: 75, color: 0 } },
  },
  {
    name: 'cinestill_800t_halation', displayName: 'CineStill 800T Halation',
    description: 'Red halos around lights (no anti-halation layer), tungsten-film grain.',
    effects: { halation: { strength: 70, threshold: 0.72, radius: 0.008 }, grain: { amount: 22, size: 35, roughness: 50, color: 25 } },
  },
  {
    name: 'super8', displayName: 'Super 8',
    description: 'Home-movie 8 mm: heavy coloured grain, dark round vignette, soft fringes, faded blacks.',
    effects: {
      grain: { amount: 55, size: 70, roughness: 60, color: 40 },
      vignette: { amount: 55, midpoint: 40, roundness: 60, feather: 70 },
      chromaticAberration: { amount: 0.0025 },
      fade: { amount: 18 },
      halation: { strength: 25, threshold: 0.8, radius: 0.006 },
    },
  },
  {
    name: 'film_16mm', displayName: '16 mm Film',
    description: 'Documentary 16 mm: visible grain, gentle halation and vignette.',
    effects: {
      grain: { amount: 35, size: 55, roughness: 55, color: 20 },
      halation: { strength: 30, threshold: 0.8, radius: 0.005 },
      vignette: { amount: 25, midpoint: 55, roundness: 20, feather: 60 },
    },
  },
  {
    name: 'vhs_soft', displayName: 'VHS Soft',
    description: 'Tape look: strong colour fringing, soft glow, washed-out blacks, colour noise.',
    effects: {
      chromaticAberration: { amount: 0.004 },
      bloom: { strength: 30, threshold: 0.6, radius: 0.01 },
      fade: { amount: 25 },
      grain: { amount: 20, size: 20, roughness: 90, color: 80 },
    },
  },
  {
    name: 'dreamy_bloom', displayName: 'Dreamy Bloom',
    description: 'Diffusion-filter glow over the highlights with a light fade.',
    effects: { bloom: { strength: 55, threshold: 0.55, radius: 0.02 }, fade: { amount: 8 } },
  },
  {
    name: 'vintage_vignette', displayName: 'Vintage Vignette',
    description: 'Old-lens corner falloff and soft contrast.',
    effects: { vignette: { amount: 45, midpoint: 45, roundness: 30, feather: 80 }, fade: { amount: 10 } },
  },
  {
    name: 'lomo', displayName: 'Lomo',
    description: 'Toy-camera: hard dark corners and strong lens fringing.',
    effects: { vignette: { amount: 75, midpoint: 35, roundness: 80, feather: 45 }, chromaticAberration: { amount: 0.003 }, grain: { amount: 15, size: 40 } },
  },
  {
    name: 'silver_screen', displayName: 'Silver Screen',
    description: 'Classic projected-print glow: bloom, halation, fine grain and a soft vignette.',
    effects: {
      bloom: { strength: 20, threshold: 0.75, radius: 0.012 },
      halation: { strength: 20, threshold: 0.85, radius: 0.004 },
      grain: { amount: 20, size: 30 },
      vignette: { amount: 20, midpoint: 60, feather: 70 },
    },
  },
];

const PRESETS: ReadonlyMap<string, FilmEffectPreset> = new Map(
  DEFINITIONS.map((d) => {
    const v = validateEffectsConfig(d.effects);
    if (!v.ok) throw new Error(`built-in film-effect preset ${d.name} is invalid: ${JSON.stringify(v.problems)}`);
    return [d.name, { name: d.name, displayName: d.displayName, description: d.description, effects: v.value }];
  }),
);

const copy = (p: FilmEffectPreset): FilmEffectPreset => ({ ...p, effects: mergeEffects(p.effects) });

/** Every built-in film-effect preset, in catalog order (fresh copies). */
export function listFilmEffectPresets(): FilmEffectPreset[] {
  return [...PRESETS.values()].map(copy);
}

/** One film-effect preset by name, or undefined for an unknown name. */
export function getFilmEffectPreset(name: string): FilmEffectPreset | undefined {
  const p = PRESETS.get(name);
  return p ? copy(p) : undefined;
}
