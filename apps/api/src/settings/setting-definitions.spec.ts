import { loadApiConfig } from '@gradekit/config';
import { SETTING_DEFINITIONS, isSettingKey } from './setting-definitions';

describe('setting definitions', () => {
  it('knows open_signup and nothing by accident', () => {
    expect(isSettingKey('open_signup')).toBe(true);
    expect(isSettingKey('openSignup')).toBe(false);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('__proto__')).toBe(false);
  });

  it('open_signup takes only booleans and defaults to OPEN_SIGNUP', () => {
    const { open_signup } = SETTING_DEFINITIONS;
    expect(open_signup.parse(true)).toEqual({ ok: true, value: true });
    expect(open_signup.parse(false)).toEqual({ ok: true, value: false });
    for (const bad of ['true', 1, 0, null, {}, []]) expect(open_signup.parse(bad)).toMatchObject({ ok: false });
    expect(open_signup.defaultValue(loadApiConfig({}))).toBe(false);
    expect(open_signup.defaultValue(loadApiConfig({ OPEN_SIGNUP: 'true' }))).toBe(true);
  });
});
