import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_LUT_SIZE, MAX_LUT_SIZE, MIN_LUT_SIZE } from '@gradekit/color';

/** A LUT grid size field: an integer in the engine's range, defaulting to the engine's size (the DTO initialises it to DEFAULT_LUT_SIZE). */
export function LutSizeField(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ default: DEFAULT_LUT_SIZE, minimum: MIN_LUT_SIZE, maximum: MAX_LUT_SIZE, description }),
    IsOptional(),
    IsInt(),
    Min(MIN_LUT_SIZE),
    Max(MAX_LUT_SIZE),
  );
}
