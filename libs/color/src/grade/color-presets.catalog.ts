import { PRESET_DEFINITIONS, PresetCategory } from './color-presets.data';
import { ColorGradeValues } from './grade-values.model';
import { cloneGradeValues } from './grade-values.merge';
import { validateGradeValues } from './grade-values.validate';
import { gradeTransform } from './grade.transform';
import { ColorTransform } from '../lut/color-transform';

export interface ColorPreset {
  /** API identifier, snake_case (e.g. `teal_orange`). */
  name: string;
  displayName: string;
  description: string;
  category: PresetCategory;
  /** Complete, validated values (PresetParams). */
  values: ColorGradeValues;
}

/**
 * Built once at load: every definition is validated and completed; an invalid
 * built-in preset is a programming error and fails loudly here (and in tests).
 */
const PRESETS: ReadonlyMap<string, ColorPreset> = new Map(
  PRESET_DEFINITIONS.map((d) => {
    const v = validateGradeValues(d.values);
    if (!v.ok) throw new Error(`built-in preset ${d.name} is invalid: ${JSON.stringify(v.problems)}`);
    return [d.name, { name: d.name, displayName: d.displayName, description: d.description, category: d.category, values: v.value }];
  }),
);

function copyPreset(p: ColorPreset): ColorPreset {
  return { ...p, values: cloneGradeValues(p.values) };
}

/** Every built-in preset, in catalog order (fresh copies: mutate freely). */
export function listPresets(): ColorPreset[] {
  return [...PRESETS.values()].map(copyPreset);
}

/** One preset by name, or undefined for an unknown name. */
export function getPreset(name: string): ColorPreset | undefined {
  const p = PRESETS.get(name);
  return p ? copyPreset(p) : undefined;
}

/**
 * The preset as a ColorTransform at `intensity` (0 = identity exactly,
 * 1 = full; values are interpolated — see gradeTransform). Undefined for an
 * unknown name.
 */
export function presetTransform(name: string, intensity = 1): ColorTransform | undefined {
  const p = PRESETS.get(name);
  return p ? gradeTransform(p.values, intensity) : undefined;
}
