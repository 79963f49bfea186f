import type { ImageResult, LutResult } from '../../operations/image-result';

/** Where an applied or exported LUT came from: fitted from an example pair (with its fit), or an uploaded .cube. */
export type LutSource = { kind: 'examples'; coverage: number; rms_error: number } | { kind: 'cube'; title: string | null };

export interface MatchLutResult extends LutResult {
  method: string;
  params: Record<string, number>;
}

export interface BeforeAfterLutResult extends LutResult {
  fit: LutSource;
}

export interface LutApplyImageResult extends ImageResult {
  lut: { size: number } & LutSource;
}
