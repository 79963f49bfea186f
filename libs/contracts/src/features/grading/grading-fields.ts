import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RESPONSE_FORMATS } from '../match/match-request.dto';

/** A 0–1 strength, default 1 (0 leaves the image unchanged). */
export function IntensityField(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: 0, maximum: 1, default: 1, description }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(1),
  );
}

/** The largest grain seed (seeds are unsigned 32-bit integers). */
export const MAX_EFFECTS_SEED = 0xffffffff;

/** The seed of the random parts of spatial effects (grain). */
export function EffectsSeedField() {
  return applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 0,
      maximum: MAX_EFFECTS_SEED,
      description:
        'Seed of the grain pattern (0 … 4294967295). Default: derived from the task id, so every call draws a fresh pattern ' +
        'and a retried task draws the same one. The seed used is returned as `result.seed`: send it back to reproduce an image exactly.',
    }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(MAX_EFFECTS_SEED),
  );
}

/** `url` (default) or `base64` (adds the output inline as `image`). */
export function ImageResponseFormatField() {
  return applyDecorators(
    ApiPropertyOptional({ enum: RESPONSE_FORMATS, description: '`base64` adds the output image inline as `image`; it is also added when the input came as base64. Default: url only.' }),
    IsOptional(),
    IsIn(RESPONSE_FORMATS),
  );
}
