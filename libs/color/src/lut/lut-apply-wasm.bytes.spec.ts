import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LUT_APPLY_WASM_BYTES } from './lut-apply-wasm.bytes';

describe('embedded WebAssembly LUT kernel', () => {
  it('was generated from the current lut-apply.wat (run tools/wasm/build-lut-wasm.mjs after editing it)', () => {
    const generated = readFileSync(path.join(__dirname, 'lut-apply-wasm.bytes.ts'), 'utf8');
    const wat = readFileSync(path.join(__dirname, '..', '..', 'wasm', 'lut-apply.wat'));
    const recorded = /wat sha256: ([0-9a-f]{64})/.exec(generated)?.[1];
    expect(recorded).toBe(createHash('sha256').update(wat).digest('hex'));
  });

  it('is a valid WebAssembly module', () => {
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    expect(wasm.validate(LUT_APPLY_WASM_BYTES)).toBe(true);
  });
});
