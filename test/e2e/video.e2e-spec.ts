import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut, deltaE2000 as deltaE2000Of, parseCube, srgbToLab } from '@gradekit/color';
import type { VideoGradeResult, VideoProbeBody, VideoTestResult } from '@gradekit/contracts';
import { LocalStorageDriver } from '@gradekit/storage';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { audioStreamHash, decodeFrames, exposureRampClip, ffprobeJson, photo, photoPanClip, stillClip, testsrcClip, twoShotClip, type TwoShotLayout } from '../support/test-videos';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiClient, bootstrapAdmin, createUser, type ApiClient } from './api-client';

type Upload = { key: string; url: string; bytes: number; probe: VideoProbeBody; task_id: string };
type TaskView<R> = { id: string; status: string; progress: number; eta_seconds: number | null; result: R; error: { code: string } | null; credits_used: number; history_id: string | null };

const deltaE2000 = (a: readonly number[], b: readonly number[]): number => deltaE2000Of(a[0], a[1], a[2], b[0], b[1], b[2]);

/** Mean CIELAB of an 8-bit RGB frame (every 4th pixel: enough for a mean). */
function meanLab(frame: Uint8Array): [number, number, number] {
  let r = 0, g = 0, b = 0, n = 0;
  for (let i = 0; i < frame.length; i += 12) {
    r += frame[i]; g += frame[i + 1]; b += frame[i + 2]; n++;
  }
  return srgbToLab(r / n / 255, g / n / 255, b / n / 255);
}

function graded(frame: Buffer, width: number, height: number, lut: ReturnType<typeof parseCube>): Uint8Array {
  return applyLut({ data: new Uint8Array(frame), width, height, channels: 3 }, lut).data as Uint8Array;
}

describe('video grading end to end: upload → probe → test frame → grade (every tier) → history', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let adminId: string;
  let dir: string;
  let referenceKey: string;
  let panClip: string;
  let pan: Upload;
  let receiver: WebhookReceiver;

  async function upload(client: ApiClient, file: string): Promise<Upload> {
    const res = await client.post<Upload>('/api/v1/storage/upload/video', { data: readFileSync(file).toString('base64'), filename: path.basename(file) });
    if (res.status !== 200) throw new Error(`upload ${file}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function finished<R>(client: ApiClient, taskId: string): Promise<TaskView<R>> {
    return eventually(async () => {
      const task = await client.get<TaskView<R>>(`/api/v1/tasks/${taskId}`);
      expect(['completed', 'failed']).toContain(task.body.status);
      return task.body;
    }, 120_000, 200);
  }

  async function download(url: string, file: string): Promise<string> {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  }

  async function balance(client: ApiClient): Promise<number> {
    return (await client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-video-e2e-'));
    receiver = await WebhookReceiver.start();
    // CRF 8 (near-lossless): frame-level checks (grain patterns) measure the grade, not x264's losses. The default
    // CRF 18 is what video-worker-kill and video-s3 grade with.
    stack = await startStack({ env: { WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${receiver.port}`, VIDEO_CRF: '8' } });
    const boot = await bootstrapAdmin(stack.apiUrl);
    admin = boot.client;
    adminId = boot.id;
    await admin.put(`/api/auth/users/${adminId}`, { plan: 'pro' });
    await admin.post(`/api/auth/users/${adminId}/credits`, { amount: 200, reason: 'video e2e' });
    const ref = await admin.post<{ key: string }>('/api/v1/storage/upload', { data: readFileSync(photo('astronaut.jpg')).toString('base64') });
    referenceKey = ref.body.key;
    panClip = await photoPanClip(path.join(dir, 'pan.mp4'));
    pan = await upload(admin, panClip);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('upload and probe', () => {
    it('probes a base64 upload: container, streams, rotation, two audio streams; nothing is charged', async () => {
      const clip = await testsrcClip(path.join(dir, 'rotated-two-audio.mp4'), { width: 321, height: 181, audio: 'two', rotation: 90 });
      const before = await balance(admin);
      const res = await upload(admin, clip);
      expect(res.key).toMatch(/^u\/.+\/videos\/.+\.mp4$/);
      expect(res.probe).toMatchObject({ container: 'mp4', video: { codec: 'h264', width: 321, height: 181, pix_fmt: 'yuv444p', fps: 25, variable_frame_rate: false, hdr: 'sdr' } });
      expect([90, 270]).toContain(res.probe.video.rotation); // a quarter turn (the tag's clockwise 90 as a display matrix)
      expect(res.probe.duration_s).toBeCloseTo(2, 0);
      expect(res.probe.audio).toHaveLength(2);
      expect(res.bytes).toBe(readFileSync(clip).length);
      expect(await balance(admin)).toBe(before);

      // Graded, the odd size, the rotation and both audio streams (bit-exact) are kept.
      const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: res.key, preset: 'cinematic_warm', quality: 'pro', duration: 2 });
      const task = await finished<VideoGradeResult & { url: string }>(admin, accepted.body.task_id);
      expect(task.status).toBe('completed');
      expect(task.result.probe.video).toMatchObject({ width: 321, height: 181, rotation: res.probe.video.rotation, fps: 25 });
      expect(task.result.probe.audio).toHaveLength(2);
      const out = await download(task.result.url, path.join(dir, 'rotated-graded.mp4'));
      expect(await audioStreamHash(out, 0)).toBe(await audioStreamHash(clip, 0));
      expect(await audioStreamHash(out, 1)).toBe(await audioStreamHash(clip, 1));
    });

    it('takes a large file through the presigned flow (PUT streamed to disk), then probes it', async () => {
      const bytes = readFileSync(panClip);
      const start = await admin.post<{ key: string; upload_url: string; method: string; headers: Record<string, string> }>('/api/v1/storage/upload/video', { filename: 'pan.mp4', content_type: 'video/mp4', bytes: bytes.length });
      expect(start.status).toBe(200);
      expect(start.body.method).toBe('PUT');
      const put = await fetch(start.body.upload_url, { method: 'PUT', headers: start.body.headers, body: bytes });
      expect(put.status).toBe(200);
      const done = await admin.post<Upload>('/api/v1/storage/upload/video', { video_key: start.body.key });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ key: start.body.key, bytes: bytes.length, probe: { video: { width: 320, height: 200 } } });
    });

    it('refuses a file that is not a video, or is truncated, with INVALID_VIDEO, and deletes it', async () => {
      const jpeg = await admin.post<{ code: string }>('/api/v1/storage/upload/video', { data: readFileSync(photo('coffee.jpg')).toString('base64'), filename: 'not-a-video.mp4' });
      expect(jpeg.status).toBe(422);
      expect(jpeg.body.code).toBe('INVALID_VIDEO');
      const whole = readFileSync(panClip);
      const truncated = await admin.post<{ code: string; details: unknown[] }>('/api/v1/storage/upload/video', { data: whole.subarray(0, Math.floor(whole.length * 0.6)).toString('base64'), filename: 'cut.mp4' });
      expect(truncated.status).toBe(422);
      expect(truncated.body.code).toBe('INVALID_VIDEO');
      const empty = await admin.post<{ code: string }>('/api/v1/storage/upload/video', { data: 'AAAA', filename: 'tiny.mp4' });
      expect(empty.status).toBe(422);
    });

    it('refuses a video longer than the plan allows (free: 60 s) with VIDEO_TOO_LONG, and a declared size over the plan with VIDEO_TOO_LARGE', async () => {
      const user = await createUser(stack.apiUrl, admin, 'free-filmmaker');
      const long = await testsrcClip(path.join(dir, 'long.mp4'), { width: 64, height: 36, fps: 5, seconds: 61, audio: 'none' });
      const res = await user.client.post<{ code: string; details: { limit?: number }[] }>('/api/v1/storage/upload/video', { data: readFileSync(long).toString('base64'), filename: 'long.mp4' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VIDEO_TOO_LONG');
      const big = await user.client.post<{ code: string }>('/api/v1/storage/upload/video', { filename: 'huge.mp4', content_type: 'video/mp4', bytes: 10 * 1024 ** 3 });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('VIDEO_TOO_LARGE');
    });
  });

  describe('every video route: no key, plan, sandbox, tenants', () => {
    it('answers 401 without a key on every route', async () => {
      const anonymous = apiClient(stack.apiUrl);
      for (const [method, route] of [
        ['POST', '/api/v1/storage/upload/video'],
        ['POST', '/api/v1/video/test'],
        ['POST', '/api/v1/video/grade'],
        ['GET', '/api/v1/history/00000000-0000-4000-8000-000000000000/video'],
        ['GET', '/api/v1/history/00000000-0000-4000-8000-000000000000/lut'],
      ] as const) {
        const res = method === 'GET' ? await anonymous.get<{ code: string }>(route) : await anonymous.post<{ code: string }>(route, { video_key: pan.key, preset: 'cinematic_warm', duration: 2 });
        expect([route, res.status, res.body.code]).toEqual([route, 401, 'UNAUTHORIZED']);
      }
    });

    it('answers the sandbox for the upload and the test frame with demo results, charging nothing', async () => {
      const before = await balance(admin);
      const probe = await admin.post<{ sandbox: boolean; probe: VideoProbeBody }>('/api/v1/storage/upload/video', { data: readFileSync(panClip).toString('base64') }, { 'X-Sandbox': 'true' });
      expect(probe.status).toBe(200);
      expect(probe.body.sandbox).toBe(true);
      expect(probe.body.probe.video.codec).toBe('h264');
      const test = await admin.post<{ sandbox: boolean; credits_used: number; result: { url: string } }>('/api/v1/video/test', { video_key: pan.key, preset: 'cinematic_warm' }, { 'X-Sandbox': 'true' });
      expect(test.status).toBe(200);
      expect(test.body).toMatchObject({ sandbox: true, credits_used: 0 });
      expect((await fetch(test.body.result.url)).headers.get('content-type')).toBe('image/jpeg');
      expect(await balance(admin)).toBe(before);
    });

    it('keeps another owner out of a video on every route that takes one (404), and /video/grade is pro+ (403)', async () => {
      const other = await createUser(stack.apiUrl, admin, 'video-snoop', 20);
      expect((await other.client.post<{ code: string }>('/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', duration: 2 })).body.code).toBe('PLAN_UPGRADE_REQUIRED');
      await admin.put(`/api/auth/users/${other.id}`, { plan: 'pro' });
      for (const [route, body] of [
        ['/api/v1/video/test', { video_key: pan.key, preset: 'cinematic_warm' }],
        ['/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', duration: 2 }],
        ['/api/v1/storage/upload/video', { video_key: pan.key }],
      ] as const) {
        const res = await other.client.post<{ code: string }>(route, body);
        expect([route, res.status, res.body.code]).toEqual([route, 404, 'NOT_FOUND']);
      }
      expect((await other.client.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance).toBe(70);
    });
  });

  describe('plans and tenants', () => {
    it('is pro+ (403 for free), and another owner’s video is a 404', async () => {
      const user = await createUser(stack.apiUrl, admin, 'free-editor', 20);
      const test = await user.client.post<{ code: string }>('/api/v1/video/test', { video_key: pan.key, preset: 'cinematic_warm' });
      expect(test.status).toBe(403);
      expect(test.body.code).toBe('PLAN_UPGRADE_REQUIRED');
      await admin.put(`/api/auth/users/${user.id}`, { plan: 'pro' });
      const theirs = await user.client.post<{ code: string }>('/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', duration: 2 });
      expect(theirs.status).toBe(404);
      const none = await user.client.post<{ code: string }>('/api/v1/video/grade', { video_key: pan.key, duration: 2 });
      expect(none.status).toBe(400);
    });
  });

  describe('test frame and pro grade', () => {
    let pro: TaskView<VideoGradeResult & { url: string; lut_url: string }>;
    let proBalanceBefore: number;

    beforeAll(async () => {
      proBalanceBefore = await balance(admin);
      const settings = await admin.patch<{ secret: string }>('/api/v1/account/webhook', { url: null });
      receiver.secrets = [settings.body.secret];
      // The client over-reports (10 s for a 2 s clip), so the job refunds the difference.
      const accepted = await admin.post<{ task_id: string; status: string; status_url: string; credits_used: number }>('/api/v1/video/grade', { video_key: pan.key, reference_key: referenceKey, quality: 'pro', duration: 10, webhook_url: receiver.url('/video') });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ status: 'queued', status_url: `/api/v1/tasks/${accepted.body.task_id}`, credits_used: 5 });
      pro = await finished(admin, accepted.body.task_id);
    }, 180_000);

    it('grades with one LUT fitted across the clip: output frames are what the LUT predicts, audio and metadata kept', async () => {
      expect(pro.status).toBe('completed');
      const result = pro.result;
      expect(result).toMatchObject({ quality: 'pro', source: 'reference:natural', cuts: [], frames: 50, encoder: 'libx264' });
      expect(result.fit_frames).toBe(8);
      expect(result.probe).toMatchObject({ container: 'mp4', video: { width: 320, height: 200, fps: 25, pix_fmt: 'yuv420p' } });
      const out = await download(result.url, path.join(dir, 'pan-pro.mp4'));
      expect(await audioStreamHash(out)).toBe(await audioStreamHash(panClip));
      const lut = parseCube(await (await fetch(result.lut_url)).text());
      const [src, dst] = await Promise.all([decodeFrames(panClip, 320, 200), decodeFrames(out, 320, 200)]);
      expect(dst.length).toBe(src.length);
      // Every frame's mean colour is the LUT's prediction, within encoding loss; and the grade changed the clip.
      let worst = 0;
      let moved = 0;
      for (let i = 0; i < src.length; i += 5) {
        const predicted = meanLab(graded(src[i], 320, 200, lut));
        worst = Math.max(worst, deltaE2000(predicted, meanLab(dst[i])));
        moved = Math.max(moved, deltaE2000(meanLab(src[i]), predicted));
      }
      expect(worst).toBeLessThan(1.5);
      expect(moved).toBeGreaterThan(3);
    });

    it('tells the webhook receiver, signed (verified with the standardwebhooks library), with the result’s URLs and the credits kept', async () => {
      const [event] = await receiver.waitFor('/video', 1, 30_000);
      expect(event.verifiedWith).toBe(receiver.secrets[0]);
      const body = JSON.parse(event.body) as { type: string; data: { task_id: string; op: string; status: string; result_urls: string[]; credits_used: number; result: { lut_key: string } } };
      expect(body).toMatchObject({ type: 'task.completed', data: { task_id: pro.id, op: 'video_grade', status: 'completed', credits_used: 1 } });
      expect(body.data.result.lut_key).toBe(pro.result.lut_key);
      expect(body.data.result_urls).toHaveLength(3); // the video, its thumbnail, its LUT
      const video = await fetch(body.data.result_urls[0]);
      expect(video.status).toBe(200);
      expect(video.headers.get('content-type')).toBe('video/mp4');
    });

    it('reconciles the charge with ffprobe’s duration once: 5 charged up front, 4 refunded, 1 kept', async () => {
      expect(pro.result.credits_charged).toBe(5);
      expect(pro.result.credits_reconciled).toBe(-4);
      expect(pro.credits_used).toBe(1);
      expect(await balance(admin)).toBe(proBalanceBefore - 1);
    });

    it('shows the test frame graded with the clip’s own LUT (same fit), within 1 ΔE2000 of the clip’s frame before encoding', async () => {
      const res = await admin.post<{ result: VideoTestResult & { url: string }; credits_used: number }>('/api/v1/video/test', { video_key: pan.key, reference_key: referenceKey, quality: 'pro', timestamp: 1 });
      expect(res.status).toBe(200);
      expect(res.body.credits_used).toBe(1);
      expect(res.body.result).toMatchObject({ frame_index: 25, quality: 'pro', format: 'png', width: 320, height: 200 });
      const clipLut = parseCube(await (await fetch(pro.result.lut_url)).text());
      const testFrame = await sharp(Buffer.from(await (await fetch(res.body.result.url)).arrayBuffer())).raw().toBuffer();
      const source = (await decodeFrames(panClip, 320, 200))[25];
      const clipFrame = graded(source, 320, 200, clipLut); // the clip's frame 25 before the encoder
      let worst = 0;
      for (let i = 0; i < testFrame.length; i += 3 * 7) {
        const a = srgbToLab(testFrame[i] / 255, testFrame[i + 1] / 255, testFrame[i + 2] / 255);
        const b = srgbToLab(clipFrame[i] / 255, clipFrame[i + 1] / 255, clipFrame[i + 2] / 255);
        worst = Math.max(worst, deltaE2000(a, b));
      }
      expect(worst).toBeLessThan(1);
    });

    it('keeps the graded video and its LUT in history, owner-scoped', async () => {
      expect(pro.history_id).toEqual(expect.any(String));
      const video = await admin.get<{ url: string; key: string }>(`/api/v1/history/${pro.history_id}/video`);
      expect(video.status).toBe(200);
      expect(video.body.key).toBe(pro.result.key);
      const lut = await admin.get<{ url: string }>(`/api/v1/history/${pro.history_id}/lut`);
      expect(lut.status).toBe(200);
      expect((await (await fetch(lut.body.url)).text())).toContain('LUT_3D_SIZE');
      const other = await createUser(stack.apiUrl, admin, 'history-snoop');
      expect((await other.client.get(`/api/v1/history/${pro.history_id}/video`)).status).toBe(404);
      expect((await other.client.get(`/api/v1/history/${pro.history_id}/lut`)).status).toBe(404);
      expect((await other.client.get(`/api/v1/tasks/${pro.id}`)).status).toBe(404);
    });
  });

  describe('perfect: per shot', () => {
    let layout: TwoShotLayout;
    let task: TaskView<VideoGradeResult & { url: string; lut_url: string }>;
    let clip: string;

    beforeAll(async () => {
      clip = path.join(dir, 'two-shot.mp4');
      layout = await twoShotClip(clip);
      const uploaded = await upload(admin, clip);
      const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: uploaded.key, reference_key: referenceKey, quality: 'perfect', duration: 4.2 });
      expect(accepted.status).toBe(202);
      task = await finished(admin, accepted.body.task_id);
    }, 180_000);

    it('finds the hard cut and the dissolve, fits one LUT per shot and zips them with their time ranges', async () => {
      expect(task.status).toBe('completed');
      const { cuts, shots } = task.result;
      expect(cuts).toHaveLength(2);
      expect(cuts[0]).toMatchObject({ kind: 'cut' });
      expect(Math.abs(cuts[0].frame - layout.cutFrame)).toBeLessThanOrEqual(1);
      expect(cuts[1]).toMatchObject({ kind: 'dissolve' });
      expect(cuts[1].frame).toBeGreaterThanOrEqual(layout.dissolve.start - 2);
      expect(cuts[1].end_frame).toBeLessThanOrEqual(layout.dissolve.end + 2);
      expect(shots).toHaveLength(3);
      expect(task.result.lut_key).toMatch(/\.zip$/);
      const zip = Buffer.from(await (await fetch(task.result.lut_url)).arrayBuffer());
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      for (const name of ['shot-01.cube', 'shot-02.cube', 'shot-03.cube', 'shots.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
    });

    it('grades each shot with its own LUT, constant within the shot, and blends the two across the dissolve', async () => {
      const out = await download(task.result.url, path.join(dir, 'two-shot-perfect.mp4'));
      const [src, dst] = await Promise.all([decodeFrames(clip, 320, 200), decodeFrames(out, 320, 200)]);
      expect(dst.length).toBe(src.length);
      expect(await audioStreamHash(out)).toBe(await audioStreamHash(clip));
      expect(task.result.flicker_delta_l).toBeLessThanOrEqual(0.5);
      const { shots, lut_keys } = task.result;
      expect(lut_keys).toHaveLength(3);
      const luts = await Promise.all(
        lut_keys.map(async (key) => parseCube(await (await fetch((await admin.post<{ url: string }>('/api/v1/storage/url', { key })).body.url)).text())),
      );
      // The shots were fitted apart: their LUTs differ.
      const probe = src[shots[0].start_frame];
      expect(deltaE2000(meanLab(graded(probe, 320, 200, luts[0])), meanLab(graded(probe, 320, 200, luts[1])))).toBeGreaterThan(0.5);
      let worst = 0;
      for (const [k, shot] of shots.entries()) {
        for (let i = shot.start_frame; i <= shot.end_frame; i += 4) worst = Math.max(worst, deltaE2000(meanLab(graded(src[i], 320, 200, luts[k])), meanLab(dst[i])));
      }
      expect(worst).toBeLessThan(1.5);
      // Inside the dissolve: neither shot's LUT alone, but their blend (t from the gap position).
      const gapStart = shots[1].end_frame + 1;
      const gap = shots[2].start_frame - shots[1].end_frame;
      const mid = gapStart + Math.floor((gap - 1) / 2);
      const t = (mid - shots[1].end_frame) / gap;
      const blended = { ...luts[1], data: luts[1].data.map((v, j) => v + t * (luts[2].data[j] - v)) };
      expect(deltaE2000(meanLab(graded(src[mid], 320, 200, blended)), meanLab(dst[mid]))).toBeLessThan(1.5);
    });

    it('deletes the history entry with its files: the clip, its thumbnail, the zip and every per-shot .cube', async () => {
      const storage = new LocalStorageDriver({ dataDir: path.join(stack.dataDir, 'storage'), publicBaseUrl: stack.apiUrl, signingSecret: 'only-head-is-used' });
      const keys = [task.result.key, task.result.thumbnail_key, task.result.lut_key, ...task.result.lut_keys];
      expect(new Set(keys).size).toBe(6);
      const present = async () => Promise.all(keys.map(async (key) => (await storage.head(key)) !== null));
      expect(await present()).toEqual(keys.map(() => true));
      const deleted = await admin.delete<{ deleted: string[] }>(`/api/v1/history/${task.history_id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.deleted).toEqual([task.history_id]);
      expect(await present()).toEqual(keys.map(() => false));
      expect((await admin.get(`/api/v1/history/${task.history_id}/video`)).status).toBe(404);
      expect((await admin.get(`/api/v1/history/${task.history_id}/lut`)).status).toBe(404);
    });
  });

  it('test tier: half resolution, one LUT fitted on the middle frame', async () => {
    const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', quality: 'test', duration: 2 });
    const task = await finished<VideoGradeResult>(admin, accepted.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result.probe.video).toMatchObject({ width: 160, height: 100, fps: 25 });
    expect(task.result.source).toBe('preset:cinematic_warm');
  });

  it('gives a look its grain on video, moving from frame to frame, seeded per clip (the test frame draws the clip’s grain)', async () => {
    const still = await stillClip(path.join(dir, 'still.mp4'));
    const uploaded = await upload(admin, still);
    const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: uploaded.key, look_name: 'joker', quality: 'pro', duration: 1 });
    const task = await finished<VideoGradeResult & { url: string }>(admin, accepted.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result.source).toBe('look:joker');
    const out = await download(task.result.url, path.join(dir, 'still-joker.mp4'));
    const [src, dst] = await Promise.all([decodeFrames(still, 320, 200), decodeFrames(out, 320, 200)]);
    const meanAbsDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;
    expect(meanAbsDiff(src[10], src[11])).toBe(0); // the source does not move
    // The grain does: joker's grain differs by ≈ 1.8 code values from one seed to the next on flat grey, and x264 at
    // CRF 18 with its grain tuning keeps ≈ 40 % of that (without the tuning, 0.09: the encoder smoothed it away).
    expect(meanAbsDiff(dst[10], dst[11])).toBeGreaterThan(0.5);
    const test = await admin.post<{ result: { url: string; frame_index: number } }>('/api/v1/video/test', { video_key: uploaded.key, look_name: 'joker', quality: 'pro', timestamp: 0.4 });
    expect(test.status).toBe(200);
    const frame = await sharp(Buffer.from(await (await fetch(test.body.result.url)).arrayBuffer())).raw().toBuffer();
    const i = test.body.result.frame_index;
    // The same grain as the clip's frame i: against the clip's grain-free picture (the mean of its frames), the test
    // frame's grain correlates with frame i's and not with its neighbour's (encoding noise is independent of both).
    const mean = new Float64Array(frame.length);
    for (const f of dst) for (let k = 0; k < f.length; k++) mean[k] += f[k] / dst.length;
    const correlation = (a: Buffer, b: Buffer): number => {
      let ab = 0, aa = 0, bb = 0;
      for (let k = 0; k < a.length; k++) {
        const x = a[k] - mean[k];
        const y = b[k] - mean[k];
        ab += x * y; aa += x * x; bb += y * y;
      }
      return ab / Math.sqrt(aa * bb);
    };
    expect(correlation(frame, dst[i])).toBeGreaterThan(0.3);
    expect(correlation(frame, dst[i + 1])).toBeLessThan(0.1);
  });

  it('does not flicker on a slow exposure ramp: ΔL* frame to frame stays within 0.5 of the source’s', async () => {
    const ramp = await exposureRampClip(path.join(dir, 'ramp.mp4'));
    const uploaded = await upload(admin, ramp);
    const accepted = await admin.post<{ task_id: string }>('/api/v1/video/grade', { video_key: uploaded.key, reference_key: referenceKey, quality: 'perfect', duration: 2.4 });
    const task = await finished<VideoGradeResult & { url: string }>(admin, accepted.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result.cuts).toEqual([]);
    const out = await download(task.result.url, path.join(dir, 'ramp-graded.mp4'));
    const [src, dst] = await Promise.all([decodeFrames(ramp, 320, 200), decodeFrames(out, 320, 200)]);
    let excess = -Infinity;
    for (let i = 1; i < src.length; i++) {
      const dSrc = Math.abs(meanLab(src[i])[0] - meanLab(src[i - 1])[0]);
      const dOut = Math.abs(meanLab(dst[i])[0] - meanLab(dst[i - 1])[0]);
      excess = Math.max(excess, dOut - dSrc);
    }
    expect(excess).toBeLessThanOrEqual(0.5);
    expect(task.result.flicker_delta_l).toBeLessThanOrEqual(0.5);
  });

  it('fails a corrupt clip cleanly and refunds it in full, leaving no output', async () => {
    const before = await balance(admin);
    const presign = await admin.post<{ key: string; upload_url: string }>('/api/v1/storage/presign', { filename: 'broken.mp4', content_type: 'video/mp4', folder: 'videos' });
    const junk = Buffer.concat([readFileSync(panClip).subarray(0, 4096), Buffer.alloc(60_000, 7)]);
    expect((await fetch(presign.body.upload_url, { method: 'PUT', headers: { 'Content-Type': 'video/mp4' }, body: junk })).status).toBe(200);
    const accepted = await admin.post<{ task_id: string; credits_used: number }>('/api/v1/video/grade', { video_key: presign.body.key, preset: 'cinematic_warm', duration: 6 });
    expect(accepted.status).toBe(202);
    const task = await finished(admin, accepted.body.task_id);
    expect(task.status).toBe('failed');
    expect(task.error?.code).toBe('INVALID_VIDEO');
    expect(task.credits_used).toBe(0);
    expect(await balance(admin)).toBe(before);
  });

  it('answers the sandbox with a real demo video, charging nothing', async () => {
    const before = await balance(admin);
    const res = await admin.post<{ sandbox: boolean; result: { url: string; cuts: unknown[] } }>('/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', duration: 2 }, { 'X-Sandbox': 'true' });
    expect(res.status).toBe(200);
    expect(res.body.sandbox).toBe(true);
    const demo = await fetch(res.body.result.url);
    expect(demo.headers.get('content-type')).toBe('video/mp4');
    const file = path.join(dir, 'demo.mp4');
    writeFileSync(file, Buffer.from(await demo.arrayBuffer()));
    const probe = await ffprobeJson(file);
    expect(probe.streams.some((s) => s.codec_type === 'video')).toBe(true);
    expect(await balance(admin)).toBe(before);
    const anonymous = apiClient(stack.apiUrl);
    expect((await anonymous.post('/api/v1/video/grade', { video_key: pan.key, preset: 'cinematic_warm', duration: 2 })).status).toBe(401);
  });
});
