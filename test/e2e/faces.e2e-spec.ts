import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deltaE2000, srgbToLabBuffer } from '@gradekit/color';
import type { DetectedFace, FacesDetectResult } from '@gradekit/contracts';
import { rgbPixels } from '../support/delta-e';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');
const ASTRONAUT = readFileSync(path.join(PHOTOS, 'astronaut.jpg'));
const COFFEE = readFileSync(path.join(PHOTOS, 'coffee.jpg'));
const ROCKET = readFileSync(path.join(PHOTOS, 'rocket.jpg'));
const b64 = (bytes: Buffer) => bytes.toString('base64');

/** Mean ΔE2000 between two same-sized images inside the inner ellipse (80 % × 90 %) of a face box. */
async function faceDeltaE(a: Buffer, b: Buffer, face: DetectedFace): Promise<number> {
  const [pa, pb] = await Promise.all([rgbPixels(a), rgbPixels(b)]);
  expect([pb.width, pb.height]).toEqual([pa.width, pa.height]);
  const la = srgbToLabBuffer(Float32Array.from(pa.data, (v) => v / 255));
  const lb = srgbToLabBuffer(Float32Array.from(pb.data, (v) => v / 255));
  const { x, y, width, height } = face.box;
  const cx = x + width / 2;
  const cy = y + height / 2;
  let sum = 0;
  let n = 0;
  for (let py = y; py < y + height; py++) {
    for (let px = x; px < x + width; px++) {
      if (((px - cx) / (0.4 * width)) ** 2 + ((py - cy) / (0.45 * height)) ** 2 > 1) continue;
      const i = (py * pa.width + px) * 3;
      sum += deltaE2000(la[i], la[i + 1], la[i + 2], lb[i], lb[i + 1], lb[i + 2]);
      n++;
    }
  }
  return sum / n;
}

/** Face detection (a Gradekit extension) and /match's preserve_skin_tones on detected faces, through the spawned api and worker. */
describe('faces end to end', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let astronautFace: DetectedFace;

  beforeAll(async () => {
    stack = await startStack();
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(() => stack?.stop());

  const balance = async (client: ApiClient) => (await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;

  it("finds the astronaut's face: box, landmarks inside it, score; 1 credit", async () => {
    const before = await balance(admin);
    const res = await admin.post<{ task_id: string; result: FacesDetectResult; credits_used: number; credits_remaining: number; history_id: null }>('/api/v1/faces/detect', { image: b64(ASTRONAUT) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ credits_used: 1, credits_remaining: before - 1, history_id: null });
    expect(before - (await balance(admin))).toBe(1);
    const { faces, width, height, model } = res.body.result;
    expect({ width, height, model }).toEqual({ width: 512, height: 512, model: 'blazeface' });
    expect(faces).toHaveLength(1);
    const [face] = faces;
    astronautFace = face;
    // The face is centred near (0.44, 0.25) of the image with a side ≈ 0.2 of the image's.
    expect((face.box.x + face.box.width / 2) / width).toBeCloseTo(0.44, 1);
    expect((face.box.y + face.box.height / 2) / height).toBeCloseTo(0.25, 1);
    expect(face.box.width / width).toBeGreaterThan(0.15);
    expect(face.box.width / width).toBeLessThan(0.26);
    expect(Number.isInteger(face.box.x) && Number.isInteger(face.box.width)).toBe(true);
    expect(face.score).toBeGreaterThan(0.75);
    expect(face.landmarks.map((l) => l.name)).toEqual(['right_eye', 'left_eye', 'nose_tip', 'mouth', 'right_ear_tragion', 'left_ear_tragion']);
    for (const l of face.landmarks) {
      expect(l.x).toBeGreaterThanOrEqual(face.box.x);
      expect(l.x).toBeLessThanOrEqual(face.box.x + face.box.width);
      expect(l.y).toBeGreaterThanOrEqual(face.box.y);
      expect(l.y).toBeLessThanOrEqual(face.box.y + face.box.height);
    }
    const [rightEye, leftEye, nose, mouth] = face.landmarks;
    expect(rightEye.x).toBeLessThan(leftEye.x); // the subject's right eye is on the image's left
    expect(nose.y).toBeGreaterThan(rightEye.y);
    expect(mouth.y).toBeGreaterThan(nose.y);

    const task = await admin.get<{ op: string; status: string; credits_used: number }>(`/api/v1/tasks/${res.body.task_id}`);
    expect(task.body).toMatchObject({ op: 'faces_detect', status: 'completed', credits_used: 1 });
  });

  it('finds no face in a photo without one; max_faces and min_score limit the list', async () => {
    const none = await admin.post<{ result: FacesDetectResult; credits_used: number }>('/api/v1/faces/detect', { image: b64(COFFEE) });
    expect(none.status).toBe(200);
    expect(none.body.result).toEqual({ faces: [], width: 600, height: 400, model: 'blazeface' });
    expect(none.body.credits_used).toBe(1);
    const strict = await admin.post<{ result: FacesDetectResult }>('/api/v1/faces/detect', { image: b64(ASTRONAUT), min_score: 0.99 });
    expect(strict.body.result.faces).toEqual([]);
    // Below the model's threshold the coffee cup's best anchor (≈ 0.68) appears, and max_faces cuts the list.
    const loose = await admin.post<{ result: FacesDetectResult }>('/api/v1/faces/detect', { image: b64(COFFEE), min_score: 0.3, max_faces: 2 });
    expect(loose.body.result.faces.length).toBeGreaterThan(0);
    expect(loose.body.result.faces.length).toBeLessThanOrEqual(2);
    expect(loose.body.result.faces[0].score).toBeLessThan(0.75);
  });

  it('answers 400 for bad input and refunds an undecodable image', async () => {
    const user = await createUser(stack.apiUrl, admin, 'portraitist', 0);
    const start = await balance(user.client);
    const wrongScore = await user.client.post<{ code: string; details: { field: string }[] }>('/api/v1/faces/detect', { image: b64(ASTRONAUT), min_score: 2 });
    expect(wrongScore.status).toBe(400);
    expect(wrongScore.body.details.map((d) => d.field)).toContain('min_score');
    const wrongMax = await user.client.post<{ code: string; details: { field: string }[] }>('/api/v1/faces/detect', { image: b64(ASTRONAUT), max_faces: 0.5 });
    expect(wrongMax.status).toBe(400);
    const unknown = await user.client.post<{ code: string }>('/api/v1/faces/detect', { image: b64(ASTRONAUT), faces: 3 });
    expect(unknown.status).toBe(400);
    const missing = await user.client.post<{ code: string }>('/api/v1/faces/detect', {});
    expect(missing.status).toBe(400);
    const broken = await user.client.post<{ code: string }>('/api/v1/faces/detect', { image: b64(ASTRONAUT.subarray(0, 1500)) });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('INVALID_IMAGE');
    expect(await balance(user.client)).toBe(start);
  });

  it('serves the sandbox demo free and documents the price in the OpenAPI summary', async () => {
    const before = await balance(admin);
    const sandbox = await admin.post<{ sandbox: boolean; credits_used: number; result: FacesDetectResult }>('/api/v1/faces/detect', { image: b64(ASTRONAUT) }, { 'X-Sandbox': 'true' });
    expect(sandbox.status).toBe(200);
    expect(sandbox.body.sandbox).toBe(true);
    expect(sandbox.body.result).toMatchObject({ width: 512, height: 512, model: 'blazeface' });
    expect(sandbox.body.result.faces[0].box).toEqual(astronautFace.box);
    expect(await balance(admin)).toBe(before);
    const doc = await apiClient(stack.apiUrl).get<{ paths: Record<string, { post?: { summary?: string; description?: string } }> }>('/api/v1/openapi.json');
    const post = doc.body.paths['/api/v1/faces/detect']?.post;
    expect(post?.summary).toBe('Detect faces: boxes, landmarks and scores (1 credit)');
    expect(post?.description).toMatch(/not part of the ShotMatch API/);
  });

  it("/match with preserve_skin_tones uses the target's face and keeps its skin closer than without", async () => {
    const match = (preserve: number) =>
      admin.post<{ image: string; result: { skin_tones?: { source: string; faces: number }; params: Record<string, number> } }>('/api/v1/match', {
        reference: b64(ROCKET),
        target: b64(ASTRONAUT),
        params: { preserve_skin_tones: preserve },
      });
    const [kept, plain] = await Promise.all([match(1), match(0)]);
    expect(kept.status).toBe(200);
    expect(plain.status).toBe(200);
    expect(kept.body.result.skin_tones).toEqual({ source: 'faces', faces: 1 });
    expect(plain.body.result.skin_tones).toBeUndefined();
    expect(kept.body.result.params.preserve_skin_tones).toBe(1);
    const keptDe = await faceDeltaE(ASTRONAUT, Buffer.from(kept.body.image, 'base64'), astronautFace);
    const plainDe = await faceDeltaE(ASTRONAUT, Buffer.from(plain.body.image, 'base64'), astronautFace);
    // The bench (bench/models/skin-tones.bench.ts) measures ≈ 5.5 against ≈ 35 on the 512 px proxy.
    expect(plainDe).toBeGreaterThan(15);
    expect(keptDe).toBeLessThan(plainDe / 2);

    // No face in the target: the generic skin weight, said so.
    const generic = await admin.post<{ result: { skin_tones?: { source: string; faces: number } } }>('/api/v1/match', { reference: b64(ROCKET), target: b64(COFFEE), params: { preserve_skin_tones: 0.5 } });
    expect(generic.status).toBe(200);
    expect(generic.body.result.skin_tones).toEqual({ source: 'generic', faces: 0 });
  });
});
