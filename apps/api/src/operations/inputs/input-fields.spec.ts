import { inputFieldsOf } from './input-fields';

describe('inputFieldsOf', () => {
  it("reads each role's inline and key fields from the body", () => {
    expect(inputFieldsOf('match', { reference: 'data:x', target_key: 'u/a/t.jpg' })).toEqual([
      { role: 'reference', inlineField: 'reference', keyField: 'reference_key', inline: 'data:x', key: undefined },
      { role: 'target', inlineField: 'target', keyField: 'target_key', inline: undefined, key: 'u/a/t.jpg' },
    ]);
  });

  it('expands a list role into one field per element, stored as role:index', () => {
    expect(inputFieldsOf('match_batch', { reference_key: 'u/a/r.jpg', target_keys: ['u/a/1.jpg', 'u/a/2.jpg'] })).toEqual([
      { role: 'reference', inlineField: 'reference', keyField: 'reference_key', inline: undefined, key: 'u/a/r.jpg' },
      { role: 'target:0', inlineField: 'targets[0]', keyField: 'target_keys[0]', inline: undefined, key: 'u/a/1.jpg' },
      { role: 'target:1', inlineField: 'targets[1]', keyField: 'target_keys[1]', inline: undefined, key: 'u/a/2.jpg' },
    ]);
  });

  it('takes only the roles a route picks, and key-only roles have no inline field', () => {
    expect(inputFieldsOf('lut_apply', { image_key: 'u/a/i.jpg', lut_key: 'u/a/l.cube', before: 'ignored' }, ['image', 'lut'])).toEqual([
      { role: 'image', inlineField: 'image', keyField: 'image_key', inline: undefined, key: 'u/a/i.jpg' },
      { role: 'lut', inlineField: null, keyField: 'lut_key', inline: undefined, key: 'u/a/l.cube' },
    ]);
  });
});
