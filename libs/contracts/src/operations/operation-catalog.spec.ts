import { OPERATION_CATALOG, OPERATION_NAMES, input, priceLabel } from '../index';

describe('the operation catalog', () => {
  it('prices as the OpenAPI summaries show them', () => {
    expect(priceLabel({ credits: 1, minPlan: 'free' })).toBe('1 credit');
    expect(priceLabel({ credits: 2, minPlan: 'pro' })).toBe('2 credits, pro+');
    expect(priceLabel({ credits: 1, unit: 'target', minPlan: 'free' })).toBe('1 credit per target');
    expect(priceLabel({ credits: 0, minPlan: 'free' })).toBe('free');
    expect(priceLabel(OPERATION_CATALOG.lut_export_match)).toBe('2 credits, pro+');
    expect(priceLabel(OPERATION_CATALOG.video_grade)).toBe('0.2 / 0.5 / 1 credits per second (test / pro / perfect), pro+');
  });

  it('derives the two request fields of an input role', () => {
    expect(input('image')).toEqual({ role: 'image', inlineField: 'image', keyField: 'image_key', list: false });
    expect(input('lut', { inline: null })).toEqual({ role: 'lut', inlineField: null, keyField: 'lut_key', list: false });
    expect(input('target', { inline: 'targets', key: 'target_keys', list: true })).toEqual({ role: 'target', inlineField: 'targets', keyField: 'target_keys', list: true });
  });

  it('keys every entry by its own name, with a request DTO class and unique input roles', () => {
    for (const name of OPERATION_NAMES) {
      const entry = OPERATION_CATALOG[name];
      expect(entry.name).toBe(name);
      expect(typeof entry.request).toBe('function');
      const roles = entry.inputs.map((spec) => spec.role);
      expect(new Set(roles).size).toBe(roles.length);
    }
  });
});
