import { Interpolation, sampleLut } from './lut-sample';
import { Lut3D, assertLutSize, latticePoints } from './lut3d';

/**
 * The LUT of "first, then second": second evaluated at first's outputs, on a
 * grid of `size` (default the larger of the two) over first's domain.
 */
export function composeLuts(first: Lut3D, second: Lut3D, size = Math.max(first.size, second.size), interpolation: Interpolation = 'tetrahedral'): Lut3D {
  const points = latticePoints(size, first.domainMin, first.domainMax);
  sampleLut(first, points, interpolation);
  sampleLut(second, points, interpolation);
  return { size, data: points, domainMin: [...first.domainMin], domainMax: [...first.domainMax] };
}

/** Resample a LUT onto another grid size (same domain). */
export function resizeLut(lut: Lut3D, size: number, interpolation: Interpolation = 'tetrahedral'): Lut3D {
  assertLutSize(size);
  const points = latticePoints(size, lut.domainMin, lut.domainMax);
  sampleLut(lut, points, interpolation);
  return { ...lut, size, data: points, domainMin: [...lut.domainMin], domainMax: [...lut.domainMax] };
}
