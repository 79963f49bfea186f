import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { DEFAULT_LUT_SIZE, DEFAULT_MATCH_METHOD, MATCH_METHODS, MAX_LUT_SIZE } from '@gradekit/color';
import { DEFAULT_JPEG_QUALITY, imageOutputOptionsOf } from './image-output';
import { defaultPreferences, effectivePreferences, parsePreferencesPatch, PREFERENCE_DEFINITIONS, PREFERENCE_KEYS } from './preference-definitions';
import { PreferencesViewDto, UpdatePreferencesDto } from './preferences.dto';

describe('preference definitions', () => {
  it('defaults come from the engine and the encoder', () => {
    expect(defaultPreferences()).toEqual({
      auto_apply_on_drag: false,
      theme: 'system',
      default_method: DEFAULT_MATCH_METHOD,
      lut_size: DEFAULT_LUT_SIZE,
      output_format: 'auto',
      jpeg_quality: DEFAULT_JPEG_QUALITY,
      webhook_url: null,
    });
    expect(PREFERENCE_DEFINITIONS.default_method.schema.enum).toEqual(MATCH_METHODS);
  });

  it('parses a valid patch into values to set and keys to reset', () => {
    expect(parsePreferencesPatch({ theme: 'dark', lut_size: 65, jpeg_quality: 1, output_format: 'webp', auto_apply_on_drag: true, default_method: 'smooth', webhook_url: 'https://x.example/h', default_method_x: undefined }))
      .toEqual({ ok: false, details: [{ field: 'default_method_x', message: 'unknown field "default_method_x"' }] });
    expect(parsePreferencesPatch({ theme: 'dark', lut_size: 65, jpeg_quality: 100, webhook_url: null, output_format: null })).toEqual({
      ok: true,
      patch: { set: { theme: 'dark', lut_size: 65, jpeg_quality: 100 }, reset: ['webhook_url', 'output_format'] },
    });
  });

  it('names every unknown key and every bad value in one answer', () => {
    const parsed = parsePreferencesPatch({ colour: 'x', theme: 'blue', lut_size: MAX_LUT_SIZE + 1, jpeg_quality: 50.5, auto_apply_on_drag: 'yes', default_method: 'natural', output_format: 'gif', webhook_url: '', other: 1 });
    expect(parsed).toEqual({
      ok: false,
      details: [
        { field: 'colour', message: 'unknown field "colour"' },
        { field: 'theme', message: 'theme must be one of system, light, dark' },
        { field: 'lut_size', message: `lut_size must be an integer from 2 to ${MAX_LUT_SIZE}` },
        { field: 'jpeg_quality', message: 'jpeg_quality must be an integer from 1 to 100' },
        { field: 'auto_apply_on_drag', message: 'auto_apply_on_drag must be a JSON boolean (true or false)' },
        { field: 'output_format', message: 'output_format must be one of auto, jpeg, png, webp, avif, tiff' },
        { field: 'webhook_url', message: 'webhook_url must be an http(s) URL of at most 2048 characters' },
        { field: 'other', message: 'unknown field "other"' },
      ],
    });
  });

  it('effective values: stored over defaults, a stored value that no longer parses falls back', () => {
    expect(effectivePreferences({ theme: 'dark', lut_size: 9999, stray: 1 })).toEqual({ ...defaultPreferences(), theme: 'dark' });
  });

  it('the PATCH DTO documents and whitelists exactly the defined keys; the view adds updated_at', () => {
    const documented = (dto: object) => (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, dto) as string[]).map((name) => name.replace(/^:/, ''));
    expect(documented(UpdatePreferencesDto.prototype).sort()).toEqual([...PREFERENCE_KEYS].sort());
    expect(documented(PreferencesViewDto.prototype).sort()).toEqual([...PREFERENCE_KEYS, 'updated_at'].sort());
  });

  it('reads a task’s output options, dropping anything malformed', () => {
    expect(imageOutputOptionsOf({ method: 'natural' })).toEqual({});
    expect(imageOutputOptionsOf({ output: { format: 'png', jpeg_quality: 40 } })).toEqual({ format: 'png', jpeg_quality: 40 });
    expect(imageOutputOptionsOf({ output: { format: 'gif', jpeg_quality: 0 } })).toEqual({});
    expect(imageOutputOptionsOf({ output: 'png' })).toEqual({});
  });
});
