import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';

export const MATCH_METHOD_NAMES = ['natural', 'direct', 'smooth', 'balanced'] as const;
export type MatchMethodName = (typeof MATCH_METHOD_NAMES)[number];

export const RESPONSE_FORMATS = ['url', 'base64'] as const;

function IsUnitOrBoolean(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUnitOrBoolean',
      validator: {
        validate: (value: unknown) => typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1),
        defaultMessage: (args) => `${args?.property} must be a boolean or a number between 0 and 1`,
      },
    },
    options,
  );
}

/** MatchParams: how a match is applied. Every field is optional. */
export class MatchParamsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1, description: 'How far to move toward the reference: 0 = unchanged, 1 = full match' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  strength?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1, description: "Share of the reference's tonal distribution taken; 0 keeps the target's lightness" })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  luminance_transfer?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 1, description: 'Chroma multiplier applied to the matched result; 1 = as matched' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  saturation?: number;

  @ApiPropertyOptional({ minimum: -1, maximum: 1, default: 0, description: 'S-curve contrast on the matched lightness; 0 = as matched' })
  @IsOptional()
  @IsNumber()
  @Min(-1)
  @Max(1)
  contrast?: number;

  @ApiPropertyOptional({ description: "0–1 or boolean: keep skin tones close to the target's own", default: 0, oneOf: [{ type: 'number' }, { type: 'boolean' }] })
  @IsOptional()
  @IsUnitOrBoolean()
  preserve_skin_tones?: number | boolean;

  @ApiPropertyOptional({ description: '0–1 or boolean: keep near-neutral colours neutral (no cast on greys)', default: 0, oneOf: [{ type: 'number' }, { type: 'boolean' }] })
  @IsOptional()
  @IsUnitOrBoolean()
  preserve_neutrals?: number | boolean;

  @ApiPropertyOptional({ minimum: 2, maximum: 129, default: 33, description: 'LUT grid size the match is baked into (17, 33 and 65 are the listed sizes; 65 is the highest quality)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(129)
  lut_size?: number;

  @ApiPropertyOptional({ default: 42, description: 'Seed of the randomised steps (smooth): the same inputs and seed give the same result' })
  @IsOptional()
  @IsInt()
  seed?: number;
}

/** `method`: one of the four matching methods, default natural. */
export function MatchMethodField() {
  return applyDecorators(ApiPropertyOptional({ enum: MATCH_METHOD_NAMES, default: 'natural' }), IsOptional(), IsIn(MATCH_METHOD_NAMES));
}

/** `params`: the MatchParams object, validated field by field. */
export function MatchParamsField(description?: string) {
  return applyDecorators(ApiPropertyOptional({ type: MatchParamsDto, description }), IsOptional(), ValidateNested(), Type(() => MatchParamsDto));
}

/** `response_format`: `base64` adds the output image inline as `image` (also implied when an input came as base64). */
export function ResponseFormatField(description = '`base64` adds the output image inline as `image`; it is also added when an input came as base64. Default: url only.') {
  return applyDecorators(ApiPropertyOptional({ enum: RESPONSE_FORMATS, description }), IsOptional(), IsIn(RESPONSE_FORMATS));
}

/** POST /api/v1/match — one of reference/reference_key and one of target/target_key. */
export class MatchRequestDto {
  @InlineImageField('Reference image: base64 or an http(s) URL (deprecated — prefer reference_key)')
  reference?: string;

  @ImageKeyField('Storage key of the reference image (preferred)')
  reference_key?: string;

  @InlineImageField('Target image (the one to grade): base64 or an http(s) URL (deprecated — prefer target_key)')
  target?: string;

  @ImageKeyField('Storage key of the target image (preferred)')
  target_key?: string;

  @MatchMethodField()
  method: MatchMethodName = 'natural';

  @MatchParamsField()
  params?: MatchParamsDto;

  @ResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];
}

