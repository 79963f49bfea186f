/**
 * The sandbox demos of the video operations, made by the worker's own adapters: a short
 * clip of a demo photo panned, probed (video_probe), one frame graded (video_test) and the
 * clip graded (video_grade) with the demo preset's LUT. Called by make-sandbox-demos.ts, or
 * alone (it writes straight into apps/api/src/features/video/demo):
 *   node bench/common/run-ts.js tools/dev/make-video-demos.ts
 */
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { applyLut } from '@gradekit/color';
import { loadWorkerConfig } from '@gradekit/config';
import { videoGradeCredits, type VideoGradeResult, type VideoTestResult } from '@gradekit/contracts';
import { presetLut } from '../../apps/worker/src/features/grading/preset-lut';
import { VideoCapabilities } from '../../apps/worker/src/media/video/video-capabilities';
import { VideoFramesReader } from '../../apps/worker/src/media/video/video-frames.reader';
import { VideoGrader } from '../../apps/worker/src/media/video/video-grader';
import { probeBody } from '../../apps/worker/src/media/video/video-probe';
import { VideoProber } from '../../apps/worker/src/media/video/video-prober';
import { photoPanClip } from '../../test/support/test-videos';
import { DEMO_PRESET } from './make-grading-demos';

const ROOT = path.resolve(__dirname, '..', '..');
const REGISTER = path.join(ROOT, 'bench', 'common', 'ts-register.js');
/** The preset's LUT is the lut feature's demo (/lut/export/preset of the same preset): the demo video's LUT. */
const DEMO_LUT_KEY = 'sandbox/demo/preset.cube';
const quiet = { warn: () => undefined, info: () => undefined };

export async function writeVideoDemos(dir: string): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gk-video-demo-'));
  const config = loadWorkerConfig({});
  const grader = new VideoGrader(config, new VideoCapabilities(config, quiet), REGISTER);
  try {
    const clip = await photoPanClip(path.join(scratch, 'demo.mp4'), { photo: path.join(ROOT, 'test', 'fixtures', 'photos', 'coffee.jpg'), seconds: 2, width: 320, height: 200 });
    const probe = await new VideoProber(config).probe(clip);
    writeFileSync(path.join(dir, 'video-probe.json'), `${JSON.stringify(probeBody(probe), null, 2)}\n`);

    const lut = presetLut(DEMO_PRESET, 1);
    const frame = await new VideoFramesReader(config).readFrame(clip, probe, 0);
    const gradedFrame = applyLut(frame.image, lut);
    const jpeg = await sharp(gradedFrame.data, { raw: { width: gradedFrame.width, height: gradedFrame.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    writeFileSync(path.join(dir, 'video-test.jpg'), jpeg);
    const test: Omit<VideoTestResult, 'key' | 'thumbnail_key'> = {
      width: gradedFrame.width, height: gradedFrame.height, format: 'jpeg', bytes: jpeg.length, bit_depth: 8, has_alpha: false,
      timestamp: 0, frame_index: 0, quality: 'pro', source: `preset:${DEMO_PRESET}`, lut_key: DEMO_LUT_KEY,
    };
    writeFileSync(path.join(dir, 'video-test.json'), `${JSON.stringify(test, null, 2)}\n`);

    const output = path.join(scratch, 'video-grade.mp4');
    const graded = await grader.grade({ inputPath: clip, outputPath: output, probe, lut });
    const outputProbe = await new VideoProber(config).probe(output, { tailCheck: false });
    copyFileSync(output, path.join(dir, 'video-grade.mp4'));
    const result: Omit<VideoGradeResult, 'key' | 'lut_key' | 'lut_keys' | 'thumbnail_key'> = {
      bytes: statSync(output).size,
      content_type: 'video/mp4',
      quality: 'pro',
      source: `preset:${DEMO_PRESET}`,
      probe: probeBody(outputProbe),
      source_probe: probeBody(probe),
      cuts: [],
      shots: [{ index: 0, start_frame: 0, end_frame: graded.frames - 1, start_s: 0, end_s: probe.duration_s, lut_key: DEMO_LUT_KEY }],
      frames: graded.frames,
      fit_frames: 0,
      encoder: graded.encoder,
      processing_fps: 0,
      flicker_delta_l: 0,
      credits_charged: videoGradeCredits(probe.duration_s, 'pro'),
      credits_reconciled: 0,
    };
    writeFileSync(path.join(dir, 'video-grade.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await grader.onApplicationShutdown();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  writeVideoDemos(path.join(ROOT, 'apps', 'api', 'src', 'features', 'video', 'demo')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
