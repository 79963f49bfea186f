import { Lut3D } from './lut3d';

/** LUT values × full scale, clamped to [0, full scale]. */
export function prepareLut(lut: Lut3D, scale: number): Float32Array {
  const p = new Float32Array(lut.data.length);
  for (let i = 0; i < p.length; i++) {
    const v = lut.data[i] * scale;
    p[i] = v > 0 ? (v < scale ? v : scale) : 0;
  }
  return p;
}

export interface CodeTables {
  offR: Int32Array;
  offG: Int32Array;
  offB: Int32Array;
  fracR: Float32Array;
  fracG: Float32Array;
  fracB: Float32Array;
}

/**
 * For each 8-bit code and channel: offset of its grid cell in the LUT and the fraction
 * inside it. Offsets count `nodeStride` units per node: 3 floats for the TypeScript
 * kernels, 16 bytes (one f32x4) for the wasm kernel.
 */
export function codeTables8(lut: Lut3D, nodeStride = 3): CodeTables {
  const n1 = lut.size - 1;
  const strides = [nodeStride, nodeStride * lut.size, nodeStride * lut.size * lut.size];
  const off = [new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  const frac = [new Float32Array(256), new Float32Array(256), new Float32Array(256)];
  for (let c = 0; c < 3; c++) {
    const lo = lut.domainMin[c];
    const scale = n1 / (lut.domainMax[c] - lo);
    for (let v = 0; v < 256; v++) {
      let x = (v / 255 - lo) * scale;
      x = x > 0 ? (x < n1 ? x : n1) : 0;
      const i = Math.min(n1 - 1, Math.floor(x));
      off[c][v] = i * strides[c];
      frac[c][v] = x - i;
    }
  }
  return { offR: off[0], offG: off[1], offB: off[2], fracR: frac[0], fracG: frac[1], fracB: frac[2] };
}
