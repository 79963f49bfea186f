import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { DEFAULT_MATCH_METHOD, MATCH_METHODS, MATCH_PARAM_DEFAULTS, MATCH_PARAM_RANGES, type MatchMethod } from '@gradekit/color';
import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';
import type { MatchParamsInput } from './match.params';
import { WebhookUrlField } from '../../dto/webhook-url.field';

/** The matching methods and the default are the engine's (libs/color), so a new method is added in one place. */
export const MATCH_METHOD_NAMES = MATCH_METHODS;
export type MatchMethodName = MatchMethod;

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

/** A numeric MatchParams field: its range and default are the engine's (MATCH_PARAM_RANGES, MATCH_PARAM_DEFAULTS), documented and validated from there. */
function MatchParamField(key: keyof typeof MATCH_PARAM_RANGES, description: string, integer = false) {
  const [minimum, maximum] = MATCH_PARAM_RANGES[key];
  return applyDecorators(
    ApiPropertyOptional({ minimum, maximum, default: MATCH_PARAM_DEFAULTS[key], description }),
    IsOptional(),
    integer ? IsInt() : IsNumber(),
    Min(minimum),
    Max(maximum),
  );
}

/** MatchParams: how a match is applied. Every field is optional. */
export class MatchParamsDto implements MatchParamsInput {
  @MatchParamField('strength', 'How far to move toward the reference: 0 = unchanged, 1 = full match')
  strength?: number;

  @MatchParamField('luminanceTransfer', "Share of the reference's tonal distribution taken; 0 keeps the target's lightness")
  luminance_transfer?: number;

  @MatchParamField('saturation', 'Chroma multiplier applied to the matched result; 1 = as matched')
  saturation?: number;

  @MatchParamField('contrast', 'S-curve contrast on the matched lightness; 0 = as matched')
  contrast?: number;

  @ApiPropertyOptional({
    description:
      "0–1 or boolean: keep skin tones close to the target's own. The target's faces are detected (BlazeFace) and their skin colours are the ones kept; " +
      'with no face found, colours in the generic skin-hue region are. The result says which in `skin_tones`.',
    default: MATCH_PARAM_DEFAULTS.preserveSkinTones,
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
  })
  @IsOptional()
  @IsUnitOrBoolean()
  preserve_skin_tones?: number | boolean;

  @ApiPropertyOptional({ description: '0–1 or boolean: keep near-neutral colours neutral (no cast on greys)', default: MATCH_PARAM_DEFAULTS.preserveNeutrals, oneOf: [{ type: 'number' }, { type: 'boolean' }] })
  @IsOptional()
  @IsUnitOrBoolean()
  preserve_neutrals?: number | boolean;

  @MatchParamField('lutSize', 'LUT grid size the match is baked into (17, 33 and 65 are the listed sizes; 65 is the highest quality)', true)
  lut_size?: number;

  @ApiPropertyOptional({ default: MATCH_PARAM_DEFAULTS.seed, description: 'Seed of the randomised steps (smooth): the same inputs and seed give the same result' })
  @IsOptional()
  @IsInt()
  seed?: number;
}

/** `method`: one of the matching methods, default DEFAULT_MATCH_METHOD (natural). */
export function MatchMethodField() {
  return applyDecorators(ApiPropertyOptional({ enum: [...MATCH_METHOD_NAMES], default: DEFAULT_MATCH_METHOD }), IsOptional(), IsIn([...MATCH_METHOD_NAMES]));
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
  method: MatchMethodName = DEFAULT_MATCH_METHOD;

  @MatchParamsField()
  params?: MatchParamsDto;

  @ResponseFormatField()
  response_format?: (typeof RESPONSE_FORMATS)[number];

  @WebhookUrlField()
  webhook_url?: string;
}

