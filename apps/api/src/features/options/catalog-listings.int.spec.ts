import { EFFECT_PARAMS, LUT_SIZES, listFilmEffectPresets, listLooks, listPresets } from '@gradekit/color';
import { createTestUser, startApiTestApp, type ApiTestContext } from '../../../../../test/support/api-test-app';

/** Every object key in a JSON value, at any depth. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...allKeys(item)]);
}

describe('free catalog listings (public, snake_case, stable order)', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await startApiTestApp({ SYNC_TIMEOUT_MS: '0' });
  });
  afterAll(() => ctx.close());

  it('GET /presets lists every engine preset in catalog order with complete snake_case values, without credentials', async () => {
    const res = await ctx.http.get('/api/v1/presets');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const engine = listPresets();
    expect(engine.length).toBeGreaterThanOrEqual(30);
    expect(res.body).toMatchObject({ total: engine.length, limit: 100, offset: 0 });
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(engine.map((p) => p.name));
    const warm = res.body.items.find((p: { name: string }) => p.name === 'cinematic_warm');
    expect(Object.keys(warm).sort()).toEqual(['category', 'description', 'display_name', 'name', 'values']);
    expect(warm).toMatchObject({ display_name: 'Cinematic Warm', category: 'cinematic' });
    const source = engine.find((p) => p.name === 'cinematic_warm')!.values;
    expect(warm.values).toMatchObject({
      temperature: source.temperature,
      contrast: source.contrast,
      fade: source.fade,
      split_toning: { highlight_hue: source.splitToning.highlightHue, shadow_saturation: source.splitToning.shadowSaturation },
      tone_curve: { master: source.toneCurve.master },
      lift_gamma_gain: { gain: { master: 1 } },
    });
    expect(Object.keys(warm.values.hsl)).toEqual(['red', 'orange', 'yellow', 'green', 'aqua', 'blue', 'purple', 'magenta']);
    expect(allKeys(res.body).filter((key) => /[A-Z]/.test(key))).toEqual([]);
  });

  it('ignores credentials, valid or not, and pages and filters with validation', async () => {
    const user = await createTestUser(ctx);
    expect((await ctx.http.get('/api/v1/presets').set(user.auth)).status).toBe(200);
    expect((await ctx.http.get('/api/v1/presets').set('X-API-Key', 'gk_not_a_real_key')).status).toBe(200);
    expect((await ctx.http.get('/api/v1/looks').set('Authorization', 'Bearer nonsense')).status).toBe(200);

    const page = await ctx.http.get('/api/v1/presets?limit=5&offset=28');
    expect(page.body).toMatchObject({ total: listPresets().length, limit: 5, offset: 28 });
    expect(page.body.items.map((p: { name: string }) => p.name)).toEqual(listPresets().slice(28, 33).map((p) => p.name));
    const mono = await ctx.http.get('/api/v1/presets?category=black_white');
    expect(mono.body.total).toBe(listPresets().filter((p) => p.category === 'black_white').length);
    expect(mono.body.total).toBeGreaterThan(0);
    expect(mono.body.items.every((p: { category: string }) => p.category === 'black_white')).toBe(true);

    const bad = await ctx.http.get('/api/v1/presets?category=gothic&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'limit']);
  });

  it('GET /film-effects/presets and GET /looks list the engine catalogs with effects in the API names', async () => {
    const film = await ctx.http.get('/api/v1/film-effects/presets');
    expect(film.status).toBe(200);
    expect(film.body.total).toBe(listFilmEffectPresets().length);
    expect(film.body.items.map((p: { name: string }) => p.name)).toEqual(listFilmEffectPresets().map((p) => p.name));
    const super8 = film.body.items.find((p: { name: string }) => p.name === 'super8');
    expect(Object.keys(super8).sort()).toEqual(['description', 'display_name', 'effects', 'name']);
    expect(super8.effects.chromatic_aberration).toEqual({ amount: 0.0025 });
    expect(super8.effects.grain).toEqual({ amount: 55, size: 70, roughness: 60, color: 40 });

    const looks = await ctx.http.get('/api/v1/looks');
    expect(looks.status).toBe(200);
    const engine = listLooks();
    expect(engine.length).toBeGreaterThanOrEqual(24);
    expect(looks.body.total).toBe(engine.length);
    expect(looks.body.items.map((l: { name: string }) => l.name)).toEqual(engine.map((l) => l.name));
    const first = looks.body.items[0];
    expect(Object.keys(first).sort()).toEqual(['category', 'color', 'description', 'display_name', 'effects', 'name']);
    expect(first.color.temperature).toBe(engine[0].color.temperature);
    expect(Object.keys(first.effects).sort()).toEqual(Object.keys(engine[0].effects).map((k) => (k === 'chromaticAberration' ? 'chromatic_aberration' : k)).sort());
    expect(allKeys(looks.body).filter((key) => /[A-Z]/.test(key))).toEqual([]);
    const noir = await ctx.http.get('/api/v1/looks?category=noir');
    expect(noir.body.items.length).toBeGreaterThan(0);
    expect(noir.body.items.every((l: { category: string }) => l.category === 'noir')).toBe(true);
  });

  it('GET /options is one call a UI can be built from', async () => {
    const res = await ctx.http.get('/api/v1/options');
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.presets).toHaveLength(listPresets().length);
    expect(Object.keys(body.presets[0]).sort()).toEqual(['category', 'description', 'display_name', 'name']);
    expect(body.film_effect_presets).toHaveLength(listFilmEffectPresets().length);
    expect(body.looks).toHaveLength(listLooks().length);
    expect(body.preset_categories).toContain('black_white');
    expect(body.look_categories).toContain('sci_fi');
    // Effects in pipeline order, each parameter with the engine's range and default.
    expect(body.effects.map((e: { name: string }) => e.name)).toEqual(['chromatic_aberration', 'vignette', 'halation', 'bloom', 'fade', 'grain']);
    const grain = body.effects.find((e: { name: string }) => e.name === 'grain');
    expect(grain.strength_param).toBe('amount');
    expect(grain.params).toEqual(
      Object.entries(EFFECT_PARAMS.grain).map(([name, spec]) => ({ name, minimum: spec.range[0], maximum: spec.range[1], default: spec.default, description: expect.any(String) })),
    );
    for (const effect of body.effects) for (const param of effect.params) expect(param.description.length).toBeGreaterThan(10);
    expect(body.match_methods.map((m: { name: string }) => m.name)).toEqual(['natural', 'direct', 'smooth', 'balanced']);
    expect(body.match_methods.filter((m: { default: boolean }) => m.default).map((m: { name: string }) => m.name)).toEqual(['natural']);
    expect(body.white_balance_methods.map((m: { name: string }) => m.name)).toEqual(['auto', 'gray_world', 'white_patch', 'neutral_point']);
    expect(body.white_balance_methods[3].fields).toEqual(['intensity', 'neutral_x', 'neutral_y']);
    expect(body.lut_sizes.map((s: { size: number }) => s.size)).toEqual([...LUT_SIZES]);
    expect(body.blend_modes).toHaveLength(4);
    expect(body.multi_match_defaults).toEqual({ blend_mode: 'uniform', transition_width: 0.2, intensity: 0.5 });
    expect(allKeys(body).filter((key) => /[A-Z]/.test(key))).toEqual([]);
  });

  it('GET /lut/sizes and GET /match/multi/modes', async () => {
    const sizes = await ctx.http.get('/api/v1/lut/sizes');
    expect(sizes.status).toBe(200);
    expect(sizes.body).toMatchObject({ total: 3, default: 33, minimum: 2, maximum: 129 });
    expect(sizes.body.items).toEqual([
      { size: 17, entries: 4913, description: expect.any(String), default: false },
      { size: 33, entries: 35937, description: expect.any(String), default: true },
      { size: 65, entries: 274625, description: expect.any(String), default: false },
    ]);

    const modes = await ctx.http.get('/api/v1/match/multi/modes');
    expect(modes.status).toBe(200);
    expect(modes.body.items.map((m: { name: string }) => m.name)).toEqual(['uniform', 'weighted', 'gradient', 'intensity']);
    const byName = Object.fromEntries(modes.body.items.map((m: { name: string }) => [m.name, m]));
    expect(byName.weighted).toMatchObject({ uses: ['weights', 'intensity'], required: ['weights'], spatial: false });
    expect(byName.gradient).toMatchObject({ uses: ['transition_width', 'intensity'], required: [], spatial: true });
    expect(byName.uniform.description).toMatch(/equal/);
    expect(modes.body.defaults).toEqual({ blend_mode: 'uniform', transition_width: 0.2, intensity: 0.5 });
    expect(modes.body.total).toBe(4);
  });

  it('documents the listings as public in OpenAPI, with examples, and the new request bodies with ranges', async () => {
    const doc = (await ctx.http.get('/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/presets', '/api/v1/film-effects/presets', '/api/v1/looks', '/api/v1/options', '/api/v1/lut/sizes', '/api/v1/match/multi/modes']) {
      // Every listing: public, cacheable, and documented as free.
      const res = await ctx.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(doc.paths[path].get.summary).toMatch(/\(free, no auth\)$/);
      expect(doc.paths[path].get.description).toMatch(/Credentials are not needed \(and are ignored\)\.$/);
      expect(doc.paths[path].get.security).toEqual([]);
      expect(doc.paths[path].get.responses['200'].content['application/json'].schema.$ref).toMatch(/ResponseDto$/);
    }
    expect(doc.components.schemas.PresetItemDto.properties.values.example.split_toning).toBeDefined();
    expect(doc.paths['/api/v1/presets/{preset_name}/apply'].post.security).toBeUndefined();
    expect(doc.paths['/api/v1/lut/export/preset/{preset_name}'].post.responses['403']).toBeDefined();
    expect(doc.components.schemas.GrainParamsDto.properties.amount).toMatchObject({ minimum: 0, maximum: 100, default: 25 });
    expect(doc.components.schemas.EffectsConfigDto.properties.chromatic_aberration).toBeDefined();
    expect(doc.components.schemas.LookApplyRequestDto.properties.color_intensity).toMatchObject({ minimum: 0, maximum: 1, default: 1 });
    // Every paged list carries the shared paging fields; catalogs show their own defaults.
    for (const name of ['PresetListResponseDto', 'LookListResponseDto', 'FilmEffectPresetListResponseDto', 'UserListResponseDto', 'TeamListResponseDto', 'ApiKeyListResponseDto']) {
      const schema = doc.components.schemas[name];
      expect(Object.keys(schema.properties).sort()).toEqual(['items', 'limit', 'offset', 'total']);
      expect(schema.required).toEqual(expect.arrayContaining(['items', 'total', 'limit', 'offset']));
      expect(schema.properties.offset).toMatchObject({ type: 'number', example: 0 });
    }
    expect(doc.components.schemas.LookListResponseDto.properties.limit.example).toBe(100);
    expect(doc.components.schemas.LookListResponseDto.properties.total).toMatchObject({ example: 24, description: expect.stringMatching(/category/) });
    expect(doc.components.schemas.UserListResponseDto.properties.limit.example).toBe(20);
  });
});
