import { ImageKeyField, InlineImageField } from '../../dto/image-input.fields';

/** POST /api/v1/analyze — exactly one of `image_key` or `image`. */
export class AnalyzeRequestDto {
  @InlineImageField()
  image?: string;

  @ImageKeyField()
  image_key?: string;
}
