import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { VideoGradeResult } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { testsrcClip } from '../support/test-videos';
import { bootstrapAdmin, type ApiClient } from './api-client';

type TaskView = { id: string; status: string; progress: number; result: VideoGradeResult; credits_used: number; history_id: string | null };

/** Every file under a folder (recursively), relative to it. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('video worker killed with SIGKILL mid-grade', () => {
  let stack: E2eStack;
  let admin: ApiClient;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-video-kill-'));
    // Short locks, so the killed worker's job is taken over within seconds (production: 30 s).
    // A slower encoder preset keeps the grade running long enough to be killed in the middle.
    stack = await startStack({ env: { JOB_LOCK_MS: '2000', JOB_STALLED_INTERVAL_MS: '1000', VIDEO_PRESET: 'medium' } });
    const boot = await bootstrapAdmin(stack.apiUrl);
    admin = boot.client;
    await admin.put(`/api/auth/users/${boot.id}`, { plan: 'pro' });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the task once on another worker, charged once, with no partial output and no temporary files left', async () => {
    const clip = await testsrcClip(path.join(dir, 'long.mp4'), { width: 1280, height: 720, seconds: 6, fps: 25 });
    const upload = await admin.post<{ key: string }>('/api/v1/storage/upload/video', { data: readFileSync(clip).toString('base64'), filename: 'long.mp4' });
    expect(upload.status).toBe(200);
    const before = (await admin.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;

    const accepted = await admin.post<{ task_id: string; credits_used: number }>('/api/v1/video/grade', { video_key: upload.body.key, preset: 'cinematic_warm', quality: 'pro', duration: 6 });
    expect(accepted.status).toBe(202);
    const taskId = accepted.body.task_id;
    const price = accepted.body.credits_used; // 6 s × 0.5 = 3

    // Mid-grade: ffmpeg's progress has reached the task.
    await eventually(async () => {
      const task = await admin.get<TaskView>(`/api/v1/tasks/${taskId}`);
      expect(task.body.status).toBe('processing');
      expect(task.body.progress).toBeGreaterThan(15);
    }, 60_000, 25);
    const killed = stack.workers[0].child;
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    await exited;

    // Nothing of the task reached storage: outputs are stored only after the grade.
    const storageRoot = path.join(stack.dataDir, 'storage', 'objects');
    expect(filesUnder(storageRoot).filter((file) => file.includes(taskId))).toEqual([]);

    await stack.spawnWorker();
    const done = await eventually(async () => {
      const task = await admin.get<TaskView>(`/api/v1/tasks/${taskId}`);
      expect(task.body.status).toBe('completed');
      return task.body;
    }, 120_000, 200);

    expect(done.result.frames).toBe(150);
    expect(done.credits_used).toBe(price);
    const after = (await admin.get<{ credits: { balance: number } }>('/api/v1/account')).body.credits.balance;
    expect(after).toBe(before - price);
    // One output per kind, keyed by the task: the video, its thumbnail and its LUT, once each.
    const outputs = filesUnder(storageRoot).filter((file) => file.includes(taskId)).sort();
    expect(outputs.map((file) => file.replace(/^u\/[^/]+\//, ''))).toEqual([`luts/${taskId}.cube`, `results/${taskId}.mp4`, `thumbnails/${taskId}.jpg`]);
    // The scratch folder the killed worker left was cleared by the run that finished the task.
    expect(filesUnder(path.join(stack.dataDir, 'tmp', 'video'))).toEqual([]);
  }, 240_000);
});
