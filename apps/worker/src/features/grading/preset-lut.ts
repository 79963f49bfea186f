import { DEFAULT_LUT_SIZE, bakeLut, presetTransform, type Lut3D } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';

/** The grid the image ops bake colour into (docs/architecture.md: 33³ by default); /lut/export/preset at its default size writes the same LUT. */
export const GRADING_LUT_SIZE = DEFAULT_LUT_SIZE;

/**
 * A built-in preset at `intensity` (0–1, values interpolated toward neutral) baked
 * into a LUT — the one place preset_apply and lut_export_preset get it from, so the
 * exported file reproduces the applied image. An unknown name is NOT_FOUND (final).
 */
export function presetLut(name: string, intensity: number, size = GRADING_LUT_SIZE): Lut3D {
  let transform;
  try {
    transform = presetTransform(name, intensity);
  } catch (error) {
    if (error instanceof RangeError) throw DomainError.validation(error.message, [{ field: 'intensity', message: error.message }]);
    throw error;
  }
  if (!transform) throw new DomainError('NOT_FOUND', `Preset "${name}" not found`, [{ field: 'preset_name', message: 'no built-in preset has this name' }]);
  return bakeLut(transform, size, { title: `Gradekit preset ${name}` });
}
