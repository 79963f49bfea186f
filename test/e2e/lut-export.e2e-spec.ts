import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { parseCube } from '@gradekit/color';
import type { MatchImageResult } from '@gradekit/contracts';
import { meanDeltaE2000 } from '../support/delta-e';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { bootstrapAdmin, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');

/**
 * The LUT invariant of docs/architecture.md: the .cube that /lut/export/match writes, applied to
 * the target by another program (ffmpeg's lut3d), reproduces the /match image.
 */
describe('LUT export end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let adminId: string;
  let work: string;

  beforeAll(async () => {
    stack = await startStack();
    const bootstrapped = await bootstrapAdmin(stack.apiUrl);
    admin = bootstrapped.client;
    adminId = bootstrapped.id;
    work = mkdtempSync(path.join(tmpdir(), 'gk-lut-'));
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('is pro+ only: a free user gets 403 PLAN_UPGRADE_REQUIRED and is not charged', async () => {
    const res = await admin.post<{ code: string }>('/api/v1/lut/export/match', { reference_key: 'u/x/a.jpg', target_key: 'u/x/b.jpg' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PLAN_UPGRADE_REQUIRED');
  });

  it('exports the match LUT as a .cube that ffmpeg applies to reproduce the /match output within 1 ΔE2000', async () => {
    await admin.put(`/api/auth/users/${adminId}`, { plan: 'pro' });
    // PNG target: /match keeps the format, so the comparison is not blurred by JPEG re-encoding.
    const target = await sharp(path.join(PHOTOS, 'motorcycle_left.jpg')).png().toBuffer();
    const reference = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
    const body = { reference: reference.toString('base64'), target: target.toString('base64'), method: 'natural' };

    const matched = await admin.post<{ image: string; result: MatchImageResult }>('/api/v1/match', body);
    expect(matched.status).toBe(200);
    expect(matched.body.result.format).toBe('png');

    const res = await admin.raw('POST', '/api/v1/lut/export/match', body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('gradekit-match-natural-33.cube');
    expect(res.headers.get('x-credits-used')).toBe('2');
    expect(res.headers.get('x-lut-size')).toBe('33');
    expect(res.headers.get('x-spatial-effects')).toBe('not included');
    const cube = await res.text();
    expect(cube).toContain('LUT_3D_SIZE 33');
    expect(parseCube(cube).size).toBe(33);

    const cubePath = path.join(work, 'match.cube');
    const targetPath = path.join(work, 'target.png');
    const outPath = path.join(work, 'ffmpeg.png');
    writeFileSync(cubePath, cube);
    writeFileSync(targetPath, target);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', targetPath, '-vf', `lut3d=file=${cubePath}:interp=tetrahedral`, '-pix_fmt', 'rgb24', outPath]);
    const viaFfmpeg = readFileSync(outPath);
    const viaApi = Buffer.from(matched.body.image, 'base64');
    const difference = await meanDeltaE2000(viaFfmpeg, viaApi);
    expect(difference).toBeLessThan(1);
    // And the LUT really grades: the target itself is far from both.
    expect(await meanDeltaE2000(target, viaApi)).toBeGreaterThan(3);
  });

  it('answers JSON with a download URL when asked', async () => {
    const photo = readFileSync(path.join(PHOTOS, 'chelsea.jpg')).toString('base64');
    const res = await admin.post<{ result: { url: string; filename: string; size: number; spatial_effects_included: boolean; note: string } }>('/api/v1/lut/export/match', {
      reference: photo,
      target: photo,
      size: 17,
      response_format: 'json',
    });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ filename: 'gradekit-match-natural-17.cube', size: 17, spatial_effects_included: false });
    expect(res.body.result.note).toMatch(/spatial effects/);
    const file = await fetch(res.body.result.url);
    expect(file.headers.get('content-disposition')).toContain('gradekit-match-natural-17.cube');
    expect(parseCube(await file.text()).size).toBe(17);
  });
});
