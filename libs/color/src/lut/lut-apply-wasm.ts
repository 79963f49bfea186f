import { LUT_APPLY_WASM_BYTES } from './lut-apply-wasm.bytes';
import { codeTables8 } from './lut-code-tables';
import { Lut3D } from './lut3d';

/**
 * The WebAssembly-SIMD kernels of the 8-bit tetrahedral LUT apply (source:
 * libs/color/wasm/lut-apply.wat):
 *
 * - `tetra8u`, for LUTs on the default domain [0, 1]³ (every LUT the engine
 *   bakes): cells and weights are exact integers (weights on 0..255), four
 *   pixels per SIMD step compute node addresses and weights without branches,
 *   then each pixel is 4 node loads and 4 mul-adds in f32x4 lanes.
 * - `tetra8`, for any other domain: per-code tables of cell offset and
 *   fraction, one pixel per step.
 *
 * Both agree with the TypeScript kernel to float rounding (f32 lanes instead
 * of f64, ties rounded to even: an output code may differ by 1 where a value
 * sits within float error of .5 — a spec bounds this). Pixels stream through
 * wasm memory in chunks that stay in cache; memory grows once to the largest
 * chunk and LUT seen and is reused. When WebAssembly or SIMD is not available,
 * `wasmLutKernel()` returns null and callers use the TS kernel.
 */
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
type Tetra8 = (src: number, dst: number, n: number, ch: number, lut: number, sG: number, sB: number) => void;
type Tetra8u = (src: number, dst: number, n: number, ch: number, lut: number, n1: number, sG: number, sB: number, tmp: number) => void;

const TABLES_BYTES = 6144;
const SCRATCH = 8192; // 8 KiB scratch of tetra8u
const LUT_BASE = 16384;
const CHUNK_PIXELS = 1 << 16;
const SLACK = 64; // the kernels read/write a few bytes past a chunk
const PAGE = 65536;
/**
 * The kernels round with the 1.5·2²³ trick, i.e. half to even, where the
 * TypeScript kernel rounds half up. Their weights sum to 255 (tetra8u, exact
 * integers) or 1 (tetra8), so adding TIE_BIAS (on the 0..255 scale) to every
 * node adds TIE_BIAS to every result: exact .5 values (and f32 sums a hair
 * below them) then round up as in TypeScript, while every other value,
 * integers included (the identity stays bit-exact), is unchanged. 2⁻¹⁵ is
 * above f32's rounding error at 255 and far below 0.5.
 */
const TIE_BIAS = 2 ** -15;

export interface WasmLutKernel {
  /** Tetrahedral apply of `lut` to 8-bit interleaved RGB (channels 3) or RGBA (4, alpha copied). */
  tetra8(src: Uint8Array, dst: Uint8Array, n: number, channels: number, lut: Lut3D): void;
}

let kernel: WasmLutKernel | null | undefined;

export function wasmLutKernel(): WasmLutKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api || !api.validate(LUT_APPLY_WASM_BYTES)) return kernel;
  try {
    const instance = new api.Instance(new api.Module(LUT_APPLY_WASM_BYTES), {});
    const memory = instance.exports.memory as WasmMemory;
    const general = instance.exports.tetra8 as Tetra8;
    const uniform = instance.exports.tetra8u as Tetra8u;
    kernel = {
      tetra8(src, dst, n, channels, lut) {
        const size = lut.size;
        const fast = isUnitDomain(lut);
        const lutBytes = size * size * size * 16;
        const chunk = Math.min(CHUNK_PIXELS, n);
        const inBase = LUT_BASE + align16(lutBytes);
        const chunkBytes = align16(chunk * channels + SLACK);
        const outBase = inBase + chunkBytes;
        const need = outBase + chunkBytes;
        if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        const heap = memory.buffer;
        writeNodes(new Float32Array(heap, LUT_BASE, size * size * size * 4), lut.data, fast ? 1 : 255, fast ? TIE_BIAS / 255 : TIE_BIAS);
        if (!fast) writeCodeTables(heap, lut);
        const u8 = new Uint8Array(heap);
        u8.fill(0, inBase, inBase + chunkBytes); // defined bytes in the read slack
        const sG = 16 * size;
        const sB = 16 * size * size;
        for (let first = 0; first < n; first += chunk) {
          const count = Math.min(chunk, n - first);
          const bytes = count * channels;
          u8.set(src.subarray(first * channels, first * channels + bytes), inBase);
          if (fast) uniform(inBase, outBase, count, channels, LUT_BASE, size - 1, sG, sB, SCRATCH);
          else general(inBase, outBase, count, channels, LUT_BASE, sG, sB);
          dst.set(u8.subarray(outBase, outBase + bytes), first * channels);
        }
      },
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

function isUnitDomain(lut: Lut3D): boolean {
  for (let c = 0; c < 3; c++) if (lut.domainMin[c] !== 0 || lut.domainMax[c] !== 1) return false;
  return true;
}

/** LUT nodes as f32x4 (r, g, b, 0): clamped to [0, 1], times `scale`, plus `bias`. */
function writeNodes(out: Float32Array, data: Float32Array, scale: number, bias: number): void {
  for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
    for (let c = 0; c < 3; c++) {
      const v = data[i + c];
      out[j + c] = (v > 0 ? (v < 1 ? v : 1) : 0) * scale + bias;
    }
    out[j + 3] = 0;
  }
}

/** tetra8's per-code tables (codeTables8), offsets in f32x4-node bytes: offsets r, g, b then fractions r, g, b, 256 each. */
function writeCodeTables(heap: ArrayBuffer, lut: Lut3D): void {
  const t = codeTables8(lut, 16);
  const i32 = new Int32Array(heap, 0, TABLES_BYTES / 4);
  const f32 = new Float32Array(heap, 0, TABLES_BYTES / 4);
  i32.set(t.offR, 0);
  i32.set(t.offG, 256);
  i32.set(t.offB, 512);
  f32.set(t.fracR, 768);
  f32.set(t.fracG, 1024);
  f32.set(t.fracB, 1280);
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
