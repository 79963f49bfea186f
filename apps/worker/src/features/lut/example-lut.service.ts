import { Injectable } from '@nestjs/common';
import { lutFromExamples, parseCube, CubeParseError, type Lut3D } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';

export interface FittedLut {
  lut: Lut3D;
  /** How it was made, for the response. */
  source: { kind: 'examples'; coverage: number; rms_error: number } | { kind: 'cube'; title: string | null };
}

/** LUTs from user material: fitted from a before/after pair, or parsed from an uploaded .cube. */
@Injectable()
export class ExampleLutService {
  constructor(private readonly decoder: ImageDecoder) {}

  async fromPair(before: Buffer, after: Buffer, size: number): Promise<FittedLut> {
    const [b, a] = await Promise.all([this.decoder.decodeProxy(before, ANALYSIS_PROXY_SIDE), this.decoder.decodeProxy(after, ANALYSIS_PROXY_SIDE)]);
    try {
      const fitted = lutFromExamples(b.proxy, a.proxy, { size, title: `Gradekit before/after (${size}^3)` });
      return { lut: fitted.lut, source: { kind: 'examples', coverage: round(fitted.coverage), rms_error: round(fitted.rmsError) } };
    } catch (error) {
      if (error instanceof RangeError) throw new DomainError('UNPROCESSABLE', error.message, [{ field: 'after', message: error.message }]);
      throw error;
    }
  }

  fromCube(bytes: Buffer): FittedLut {
    try {
      const lut = parseCube(bytes.toString('utf8'));
      return { lut, source: { kind: 'cube', title: lut.title ?? null } };
    } catch (error) {
      if (error instanceof CubeParseError || error instanceof RangeError) {
        throw new DomainError('UNPROCESSABLE', `lut_key is not a valid .cube file: ${error.message}`, [
          { field: 'lut_key', message: error.message, ...(error instanceof CubeParseError && error.line !== null ? { line: error.line } : {}) },
        ]);
      }
      throw error;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
