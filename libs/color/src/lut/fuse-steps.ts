import { ColorTransform } from './color-transform';
import { bakeLut } from './lut-bake';
import { sampleLut } from './lut-sample';
import { DEFAULT_LUT_SIZE, Lut3D } from './lut3d';

/** A colour-only step: either a transform or an already-baked LUT. */
export type ColorStep = ColorTransform | Lut3D;

/**
 * Fuse consecutive colour-only steps into ONE LUT. Each grid node is pushed
 * through every step in turn (transforms evaluated exactly, LUT steps
 * interpolated once), clamping to [0, 1] between steps as sequential 8-bit
 * application would — so the fused LUT differs from applying the steps one
 * by one only by a single interpolation, not one per step.
 */
export function fuseColorSteps(steps: readonly ColorStep[], size = DEFAULT_LUT_SIZE, title?: string): Lut3D {
  return bakeLut(
    (rgb) => {
      for (const step of steps) {
        if (typeof step === 'function') step(rgb);
        else sampleLut(step, rgb);
        for (let i = 0; i < rgb.length; i++) rgb[i] = rgb[i] > 0 ? (rgb[i] < 1 ? rgb[i] : 1) : 0;
      }
    },
    size,
    { title },
  );
}

export interface PipelineSegment<S> {
  /** 'color': a run of colour-only steps to fuse into one LUT; 'spatial': one step run on its own. */
  kind: 'color' | 'spatial';
  steps: S[];
}

/**
 * Split a pipeline into maximal runs of colour-only steps and the spatial
 * steps between them (which a LUT cannot hold). Order is preserved.
 */
export function planFusedSegments<S>(steps: readonly S[], isColorOnly: (step: S) => boolean): PipelineSegment<S>[] {
  const out: PipelineSegment<S>[] = [];
  for (const step of steps) {
    const kind = isColorOnly(step) ? 'color' : 'spatial';
    const last = out[out.length - 1];
    if (kind === 'color' && last && last.kind === 'color') last.steps.push(step);
    else out.push({ kind, steps: [step] });
  }
  return out;
}
