import { Injectable } from '@nestjs/common';
import { getFilmEffectPreset, getLook, getPreset, listFilmEffectPresets, listLooks, listPresets, type EffectsConfig } from '@gradekit/color';
import { DomainError, snakeCaseKeys, type Page, type PublicEffectsConfig } from '@gradekit/contracts';

/** A built-in colour preset as GET /api/v1/presets lists it. */
export interface PresetView {
  name: string;
  display_name: string;
  description: string;
  category: string;
  /** The complete ColorGradeValues (every control, neutral ones included), snake_case. */
  values: Record<string, unknown>;
}

export interface FilmEffectPresetView {
  name: string;
  display_name: string;
  description: string;
  /** The preset's effects, every parameter filled in. */
  effects: PublicEffectsConfig;
}

export interface LookView {
  name: string;
  display_name: string;
  description: string;
  category: string;
  /** The colour part: complete ColorGradeValues, snake_case (baked into a LUT). */
  color: Record<string, unknown>;
  /** The spatial effects applied after the colour. */
  effects: PublicEffectsConfig;
}

/** The engine's EffectsConfig in the API's shape. */
export function publicEffects(effects: EffectsConfig): PublicEffectsConfig {
  return snakeCaseKeys<PublicEffectsConfig>(effects);
}

/** A name from a path or body, quoted for an error message (bounded: it is the caller's text). */
function quoted(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}

/**
 * The built-in catalogs of the colour engine (presets, film-effect presets, looks) in
 * the public shape: snake_case, computed once (the registries are code, not data),
 * in catalog order — stable across releases, new entries appended, never renamed.
 * Lookups by name answer 404 NOT_FOUND naming the listing route, before any charge.
 */
@Injectable()
export class GradingCatalog {
  readonly presets: readonly PresetView[] = listPresets().map((p) => ({
    name: p.name,
    display_name: p.displayName,
    description: p.description,
    category: p.category,
    values: snakeCaseKeys(p.values),
  }));

  readonly filmEffectPresets: readonly FilmEffectPresetView[] = listFilmEffectPresets().map((p) => ({
    name: p.name,
    display_name: p.displayName,
    description: p.description,
    effects: publicEffects(p.effects),
  }));

  readonly looks: readonly LookView[] = listLooks().map((l) => ({
    name: l.name,
    display_name: l.displayName,
    description: l.description,
    category: l.category,
    color: snakeCaseKeys(l.color),
    effects: publicEffects(l.effects),
  }));

  /** One page of a catalog, optionally one category of it. */
  page<T extends object>(items: readonly T[], query: { limit: number; offset: number; category?: string }): Page<T> {
    const matching = query.category ? items.filter((item) => (item as { category?: string }).category === query.category) : items;
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length, limit: query.limit, offset: query.offset };
  }

  /** Throws 404 unless `name` is a built-in colour preset. */
  requirePreset(name: string, field = 'preset_name'): void {
    if (getPreset(name)) return;
    throw new DomainError('NOT_FOUND', `Preset ${quoted(name)} not found; GET /api/v1/presets lists the available presets`, [
      { field, message: 'no built-in preset has this name', see: '/api/v1/presets' },
    ]);
  }

  /** Throws 404 unless `name` is a built-in film-effect preset. */
  requireFilmEffectPreset(name: string, field = 'preset'): void {
    if (getFilmEffectPreset(name)) return;
    throw new DomainError('NOT_FOUND', `Film-effect preset ${quoted(name)} not found; GET /api/v1/film-effects/presets lists the available presets`, [
      { field, message: 'no film-effect preset has this name', see: '/api/v1/film-effects/presets' },
    ]);
  }

  /** Throws 404 unless `name` is a built-in look. */
  requireLook(name: string, field = 'look_name'): void {
    if (getLook(name)) return;
    throw new DomainError('NOT_FOUND', `Look ${quoted(name)} not found; GET /api/v1/looks lists the available looks`, [
      { field, message: 'no look has this name', see: '/api/v1/looks' },
    ]);
  }
}
