import { CodeTables } from './lut-apply';
import { LUT_APPLY_WASM_BYTES } from './lut-apply-wasm.bytes';

/**
 * The WebAssembly-SIMD kernel of the 8-bit tetrahedral LUT apply (source:
 * libs/color/wasm/lut-apply.wat). Same arithmetic as the TypeScript kernel
 * (f32 lanes instead of f64, so an output code may differ by 1 where a value
 * sits within float error of .5 — a spec bounds this). Pixels stream through
 * wasm memory in chunks that stay in cache. When WebAssembly or SIMD is not
 * available, `wasmLutKernel()` returns null and callers use the TS kernel.
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

const TABLES_BYTES = 6144;
const LUT_BASE = 8192;
const CHUNK_PIXELS = 1 << 16;
const PAGE = 65536;

export interface WasmLutKernel {
  /** Apply a LUT prepared as f32x4 nodes (see packLutRgba) with 8-bit code tables. */
  tetra8(src: Uint8Array, dst: Uint8Array, n: number, channels: number, packed: Float32Array, tables: CodeTables, size: number): void;
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
    const run = instance.exports.tetra8 as Tetra8;
    kernel = {
      tetra8(src, dst, n, channels, packed, tables, size) {
        const lutBytes = packed.length * 4;
        const inBase = LUT_BASE + align16(lutBytes);
        const chunkBytes = CHUNK_PIXELS * channels;
        const outBase = inBase + align16(chunkBytes);
        const need = outBase + chunkBytes + 16; // slack: the kernel stores 4 bytes per RGB pixel
        if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        const heap = memory.buffer;
        const i32 = new Int32Array(heap, 0, TABLES_BYTES / 4);
        i32.set(tables.offR.map((v) => (v / 3) * 16), 0);
        i32.set(tables.offG.map((v) => (v / 3) * 16), 256);
        i32.set(tables.offB.map((v) => (v / 3) * 16), 512);
        const f32 = new Float32Array(heap, 0, TABLES_BYTES / 4);
        f32.set(tables.fracR, 768);
        f32.set(tables.fracG, 1024);
        f32.set(tables.fracB, 1280);
        new Float32Array(heap, LUT_BASE, packed.length).set(packed);
        const u8 = new Uint8Array(heap);
        const sG = 16 * size;
        const sB = 16 * size * size;
        for (let first = 0; first < n; first += CHUNK_PIXELS) {
          const count = Math.min(CHUNK_PIXELS, n - first);
          const bytes = count * channels;
          u8.set(src.subarray(first * channels, first * channels + bytes), inBase);
          run(inBase, outBase, count, channels, LUT_BASE, sG, sB);
          dst.set(u8.subarray(outBase, outBase + bytes), first * channels);
        }
      },
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** A prepared (scaled, clamped) RGB LUT as f32x4 nodes (r, g, b, 0). */
export function packLutRgba(prepared: Float32Array): Float32Array {
  const nodes = prepared.length / 3;
  const out = new Float32Array(nodes * 4);
  for (let i = 0; i < nodes; i++) {
    out[i * 4] = prepared[i * 3];
    out[i * 4 + 1] = prepared[i * 3 + 1];
    out[i * 4 + 2] = prepared[i * 3 + 2];
  }
  return out;
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
