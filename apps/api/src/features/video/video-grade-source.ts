import { DomainError, VIDEO_PLAN_LIMITS, isPlanId, type VideoGradeOptionsDto, type VideoGradeSource, type VideoLimitParams } from '@gradekit/contracts';
import type { GradingCatalog } from '../grading/grading-catalog.service';

/**
 * The one grade source of a video request — a reference, a preset or a look — checked
 * before anything is charged: exactly one must be named, and a preset or look must exist
 * (404 naming its listing route). The reference itself is an input (`reference` /
 * `reference_key`), resolved with the other inputs by the runner.
 */
export function videoGradeSource(body: VideoGradeOptionsDto, catalog: GradingCatalog): VideoGradeSource {
  const named = [
    body.reference || body.reference_key ? 'reference' : null,
    body.preset ? 'preset' : null,
    body.look_name ? 'look_name' : null,
  ].filter((name): name is string => name !== null);
  if (named.length !== 1) {
    throw DomainError.validation(named.length === 0 ? 'Name what to grade toward' : `Give one grade source, not ${named.join(' and ')}`, [
      { field: 'reference_key', message: 'a reference image to match (with method and params)' },
      { field: 'preset', message: 'a built-in preset (GET /api/v1/presets), with preset_intensity' },
      { field: 'look_name', message: 'a cinematic look (GET /api/v1/looks)' },
    ]);
  }
  if (body.preset) {
    catalog.requirePreset(body.preset, 'preset');
    return { kind: 'preset', preset: body.preset, intensity: body.preset_intensity };
  }
  if (body.look_name) {
    catalog.requireLook(body.look_name, 'look_name');
    return { kind: 'look', look: body.look_name, intensity: body.preset_intensity };
  }
  return { kind: 'reference', method: body.method, params: { ...(body.params ?? {}) } };
}

/** The caller's plan's video limits, as the worker checks the probed file against them. */
export function videoLimitsFor(plan: string): VideoLimitParams {
  const limits = VIDEO_PLAN_LIMITS[isPlanId(plan) ? plan : 'free'];
  return { max_duration_s: limits.maxDurationSeconds, max_bytes: limits.maxBytes };
}
