/**
 * A colour-only operation: transforms packed sRGB-encoded RGB triples
 * (n × 3, nominally 0..1) IN PLACE. Every match, preset, look colour part,
 * white balance and grade is one of these, baked into a LUT to be applied.
 * Implementations must be pure functions of each triple (no dependence on
 * neighbours or order) — that is what makes them bakeable.
 */
export type ColorTransform = (rgb: Float32Array) => void;

/** Run transforms one after the other. */
export function chainTransforms(...transforms: ColorTransform[]): ColorTransform {
  return (rgb) => {
    for (const t of transforms) t(rgb);
  };
}

/** Blend a transform's output with its input: strength 0 = identity, 1 = full. */
export function withStrength(transform: ColorTransform, strength: number): ColorTransform {
  if (strength >= 1) return transform;
  return (rgb) => {
    const before = rgb.slice();
    transform(rgb);
    for (let i = 0; i < rgb.length; i++) rgb[i] = before[i] + strength * (rgb[i] - before[i]);
  };
}

export const identityTransform: ColorTransform = () => undefined;
