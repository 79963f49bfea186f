import { defaultPreferences } from '@gradekit/contracts';
import { takesOutputPreferences, withPreferences } from './preferred-request-fields';

describe('withPreferences', () => {
  const mine = { ...defaultPreferences(), default_method: 'smooth' as const, lut_size: 17, output_format: 'webp' as const, jpeg_quality: 40 };

  it('fills the fields a request left out, and only those', () => {
    expect(withPreferences('match', { method: 'natural', params: {} }, {}, mine)).toEqual({ method: 'smooth', params: {}, output: { format: 'webp', jpeg_quality: 40 } });
    // Sent explicitly (even the built-in default): the request wins.
    expect(withPreferences('match', { method: 'natural', params: {} }, { method: 'natural' }, mine)).toEqual({ method: 'natural', params: {}, output: { format: 'webp', jpeg_quality: 40 } });
    expect(withPreferences('lut_export_match', { method: 'natural', params: {}, size: 65 }, { size: 65 }, mine)).toEqual({ method: 'smooth', params: {}, size: 65 });
    expect(withPreferences('lut_export_before_after', { size: 33 }, {}, mine)).toEqual({ size: 17 });
  });

  it('leaves ops that do not take a preference as they are', () => {
    // white_balance has a `method` of its own (not a match method): never filled.
    expect(withPreferences('white_balance_apply', { method: 'auto' }, {}, { ...mine, output_format: 'auto', jpeg_quality: 92 })).toEqual({ method: 'auto' });
    expect(withPreferences('bg_remove_apply', { format: 'png' }, {}, mine)).toEqual({ format: 'png' });
    expect(takesOutputPreferences('video_test')).toBe(false);
    expect(takesOutputPreferences('lut_export_match')).toBe(false);
    expect(takesOutputPreferences('match_batch')).toBe(true);
  });

  it('adds no output for a user who keeps the built-in encoding', () => {
    expect(withPreferences('match', { method: 'natural', params: {} }, {}, defaultPreferences())).toEqual({ method: 'natural', params: {} });
  });
});
