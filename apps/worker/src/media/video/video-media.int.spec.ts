import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyLut, bakeLut, detectShots, identityLut, type ColorTransform, type Lut3D } from '@gradekit/color';
import { DomainError } from '@gradekit/contracts';
import { VideoCapabilities } from './video-capabilities';
import { VideoFramesReader } from './video-frames.reader';
import { VideoGrader, type VideoGradeProgress } from './video-grader';
import { VideoProber } from './video-prober';
import type { VideoProbe } from './video-probe';

// Real ffmpeg: clips are made here, graded by the adapters and checked with a second decode.
const TS_REGISTER = path.resolve(__dirname, '..', '..', '..', '..', '..', 'bench', 'common', 'ts-register.js');
const config = { video: { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', encoder: 'libx264' as const, crf: 18, preset: 'veryfast', hwaccel: 'none' as const, applyThreads: 1 } };
const logger = { warn: jest.fn(), info: jest.fn() };

const warm: ColorTransform = (rgb) => {
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = Math.min(1, rgb[i] * 1.15 + 0.03);
    rgb[i + 1] = rgb[i + 1] ** 0.9;
    rgb[i + 2] = rgb[i + 2] * 0.8;
  }
};

let dir: string;
const prober = new VideoProber(config);
const reader = new VideoFramesReader(config);
const grader = new VideoGrader(config, new VideoCapabilities(config, logger), TS_REGISTER);
const lut: Lut3D = bakeLut(warm, 33);

function ff(...args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { cwd: dir });
}

function clip(name: string): string {
  return path.join(dir, name);
}

/** rgb24 frames of a file, as stored (for comparisons: an independent decode). */
function rgbFrames(file: string, width: number, height: number): Uint8Array[] {
  const out = execFileSync('ffmpeg', ['-v', 'error', '-noautorotate', '-i', file, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 30 });
  const size = width * height * 3;
  return Array.from({ length: Math.floor(out.length / size) }, (_, i) => new Uint8Array(out.buffer, out.byteOffset + i * size, size));
}

function audioMd5(file: string, stream: number): string {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', `0:a:${stream}`, '-c', 'copy', '-f', 'md5', '-'], { encoding: 'utf8' }).trim();
}

async function gradeTo(input: string, name: string, options: Partial<Parameters<VideoGrader['grade']>[0]> = {}): Promise<{ probe: VideoProbe; out: VideoProbe; outPath: string; progress: VideoGradeProgress[] }> {
  const probe = await prober.probe(input);
  const outPath = clip(name);
  const progress: VideoGradeProgress[] = [];
  await grader.grade({ inputPath: input, outputPath: outPath, probe, lut, onProgress: (p) => progress.push(p), ...options });
  return { probe, out: await prober.probe(outPath), outPath, progress };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gradekit-video-'));
  const src = ['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=2'];
  const tags = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
  ff(...src, '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...tags, '-c:a', 'aac', '-shortest', 'basic.mp4');
  ff('-i', 'basic.mp4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', 'rotated.mp4');
  ff(...src, '-c:v', 'libx264', '-pix_fmt', 'yuv444p', ...tags, 'full444.mp4');
  ff('-f', 'lavfi', '-i', 'testsrc2=s=322x182:r=25:d=1', '-vf', 'format=yuv444p,crop=321:181:0:0', '-c:v', 'libx264', '-pix_fmt', 'yuv444p', 'odd.mp4');
  ff(...src, '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-f', 'lavfi', '-i', 'sine=f=660:d=2', '-map', '0', '-map', '1', '-map', '2', '-c:v', 'libx264', '-c:a', 'aac', '-shortest', 'two-audio.mkv');
  // Variable rate: the first 25 frames 1/25 s apart, the rest 2/25 s.
  ff('-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=3', '-vf', "setpts='(N+max(0,N-25))/25/TB'", '-fps_mode', 'passthrough', '-c:v', 'libx264', 'vfr.mp4');
  ff('-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=20', '-c:v', 'libx264', '-preset', 'ultrafast', 'long.mp4');
  // Two shots with a hard cut at 2 s, then a 0.6 s dissolve into a third at 3.4 s.
  ff('-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=2', '-f', 'lavfi', '-i', 'smptebars=s=320x180:r=25:d=2', '-f', 'lavfi', '-i', 'mandelbrot=s=320x180:r=25',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1,settb=1/25,fps=25[ab];[2:v]trim=duration=2,setpts=PTS-STARTPTS,settb=1/25[c];[ab][c]xfade=transition=fade:duration=0.6:offset=3.4,format=yuv420p[v]',
    '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', 'shots.mp4');
  writeFileSync(clip('text.mp4'), 'this is not a video\n'.repeat(100));
  writeFileSync(clip('empty.mp4'), '');
  ff('-i', 'long.mp4', '-c', 'copy', '-movflags', '+faststart', 'faststart.mp4');
  const truncated = clip('truncated.mp4');
  writeFileSync(truncated, readFileSync(clip('faststart.mp4')));
  truncateSync(truncated, Math.floor(statSync(truncated).size * 0.6));
}, 120_000);

afterAll(async () => {
  await grader.onApplicationShutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('VideoProber', () => {
  it('reads container, streams, rate, size, pixel format and colour tags', async () => {
    const p = await prober.probe(clip('basic.mp4'));
    expect(p.container).toBe('mp4');
    expect(p.video).toMatchObject({ codec: 'h264', width: 320, height: 180, pix_fmt: 'yuv420p', bit_depth: 8, fps: 25, variable_frame_rate: false, frame_count: 50, rotation: 0, hdr: 'sdr' });
    expect(p.video.color).toEqual({ primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', range: 'tv' });
    expect(p.audio).toEqual([expect.objectContaining({ codec: 'aac', channels: 1, sample_rate: 44100 })]);
    expect(p.duration_s).toBeCloseTo(2, 1);
  });

  it('reads rotation, two audio streams, Matroska and variable frame rate', async () => {
    expect((await prober.probe(clip('rotated.mp4'))).video).toMatchObject({ rotation: 270, display_width: 180, display_height: 320 });
    const two = await prober.probe(clip('two-audio.mkv'));
    expect(two.container).toBe('matroska');
    expect(two.audio).toHaveLength(2);
    expect((await prober.probe(clip('vfr.mp4'))).video.variable_frame_rate).toBe(true);
  });

  it.each(['text.mp4', 'empty.mp4', 'truncated.mp4'])('refuses %s with INVALID_VIDEO', async (name) => {
    const error = await prober.probe(clip(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_VIDEO');
    expect((error as DomainError).details[0].message).toEqual(expect.any(String));
  });
});

describe('VideoGrader', () => {
  it('grades every frame with the LUT (lossless encode: within 2 code values of applying it to the decoded source)', async () => {
    const { out, outPath, progress } = await gradeTo(clip('full444.mp4'), 'full444-graded.mp4', { encode: { crf: 0 } });
    expect(out.video).toMatchObject({ width: 320, height: 180, pix_fmt: 'yuv444p', fps: 25, frame_count: 50 });
    const src = rgbFrames(clip('full444.mp4'), 320, 180);
    const got = rgbFrames(outPath, 320, 180);
    expect(got).toHaveLength(src.length);
    let within = 0;
    let total = 0;
    for (let f = 0; f < src.length; f++) {
      const want = applyLut({ width: 320, height: 180, channels: 3, data: src[f] }, lut).data;
      for (let i = 0; i < want.length; i++) if (Math.abs(want[i] - got[f][i]) <= 2) within++;
      total += want.length;
    }
    expect(within / total).toBeGreaterThan(0.99);
    expect(progress.at(-1)?.percent).toBe(100);
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
    expect(progress.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
  });

  it('keeps audio bit for bit, colour tags, rate and size; mean colour per frame matches at 4:2:0', async () => {
    const { probe, out, outPath } = await gradeTo(clip('basic.mp4'), 'basic-graded.mp4');
    expect(audioMd5(outPath, 0)).toBe(audioMd5(clip('basic.mp4'), 0));
    expect(out.video.color).toEqual(probe.video.color);
    expect(out.video).toMatchObject({ width: 320, height: 180, fps: 25, frame_count: 50, rotation: 0 });
    const src = rgbFrames(clip('basic.mp4'), 320, 180);
    const got = rgbFrames(outPath, 320, 180);
    for (const f of [0, 25, 49]) {
      const want = applyLut({ width: 320, height: 180, channels: 3, data: src[f] }, lut).data;
      for (let c = 0; c < 3; c++) {
        let a = 0;
        let b = 0;
        for (let i = c; i < want.length; i += 3) {
          a += want[i];
          b += got[f][i];
        }
        expect(Math.abs(a - b) / (want.length / 3)).toBeLessThan(3);
      }
    }
  });

  it('keeps rotation metadata, odd sizes, two audio streams, no audio, and resamples variable frame rate', async () => {
    const rotated = await gradeTo(clip('rotated.mp4'), 'rotated-graded.mp4');
    expect(rotated.out.video.rotation).toBe(rotated.probe.video.rotation);
    const odd = await gradeTo(clip('odd.mp4'), 'odd-graded.mp4');
    expect(odd.out.video).toMatchObject({ width: 321, height: 181 });
    const two = await gradeTo(clip('two-audio.mkv'), 'two-graded.mkv');
    expect(two.out.container).toBe('matroska');
    expect(two.out.audio).toHaveLength(2);
    expect(audioMd5(two.outPath, 1)).toBe(audioMd5(clip('two-audio.mkv'), 1));
    const silent = await gradeTo(clip('full444.mp4'), 'silent-graded.mp4');
    expect(silent.out.audio).toHaveLength(0);
    const vfr = await gradeTo(clip('vfr.mp4'), 'vfr-graded.mp4');
    expect(vfr.out.video.variable_frame_rate).toBe(false);
    expect(vfr.out.duration_s).toBeCloseTo(vfr.probe.duration_s, 0);
  });

  it('grades the test tier at half size; an identity LUT keeps the colours', async () => {
    const { out, outPath } = await gradeTo(clip('full444.mp4'), 'half.mp4', { scale: 0.5, lut: identityLut(17), encode: { crf: 0 } });
    expect(out.video).toMatchObject({ width: 160, height: 90 });
    const half = execFileSync('ffmpeg', ['-v', 'error', '-i', clip('full444.mp4'), '-frames:v', '1', '-vf', 'scale=160:90', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    const got = rgbFrames(outPath, 160, 90);
    let sum = 0;
    for (let i = 0; i < got[0].length; i++) sum += Math.abs(got[0][i] - half[i]);
    expect(sum / got[0].length).toBeLessThan(2);
  });

  it('applies effects per frame, seeded: grain moves between frames and a re-run is identical', async () => {
    const effects = { config: { grain: { amount: 60, size: 30, roughness: 50, color: 0 } }, seed: 7 };
    const a = await gradeTo(clip('full444.mp4'), 'grain-a.mp4', { effects, encode: { crf: 0 } });
    const b = await gradeTo(clip('full444.mp4'), 'grain-b.mp4', { effects, encode: { crf: 0 } });
    const plain = await gradeTo(clip('full444.mp4'), 'grain-none.mp4', { encode: { crf: 0 } });
    const fa = rgbFrames(a.outPath, 320, 180);
    const fb = rgbFrames(b.outPath, 320, 180);
    const fp = rgbFrames(plain.outPath, 320, 180);
    expect(Buffer.compare(Buffer.from(fa[10]), Buffer.from(fb[10]))).toBe(0);
    const noise = (f: number): Int16Array => Int16Array.from(fa[f], (v, i) => v - fp[f][i]);
    const n0 = noise(10);
    const n1 = noise(11);
    let same = 0;
    let nonzero = 0;
    for (let i = 0; i < n0.length; i++) {
      if (n0[i] !== 0) nonzero++;
      if (n0[i] !== 0 && n0[i] === n1[i]) same++;
    }
    expect(nonzero / n0.length).toBeGreaterThan(0.3); // there is grain
    expect(same / nonzero).toBeLessThan(0.5); // and it is not the same grain on the next frame
  });

  it('rejects a corrupt source with INVALID_VIDEO from the decoder', async () => {
    const probe = await prober.probe(clip('faststart.mp4'));
    const error = await grader.grade({ inputPath: clip('truncated.mp4'), outputPath: clip('t-out.mp4'), probe, lut }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_VIDEO');
    expect((error as DomainError).details[0].message).toMatch(/partial file/);
  });

  it('abort kills every ffmpeg it started and removes the partial output', async () => {
    const probe = await prober.probe(clip('long.mp4'));
    const controller = new AbortController();
    const outputPath = clip('aborted.mp4');
    const run = grader.grade({ inputPath: clip('long.mp4'), outputPath, probe, lut, signal: controller.signal, onProgress: (p) => p.percent > 5 && controller.abort(new Error('stop')) });
    await expect(run).rejects.toThrow('stop');
    await new Promise((r) => setTimeout(r, 200));
    const alive = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(outputPath) || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(clip('long.mp4'));
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(spawnSync('test', ['-e', outputPath]).status).not.toBe(0);
  });
});

describe('VideoFramesReader', () => {
  it('reads the frame at a timestamp as the grader sees it, and proxies for fitting', async () => {
    const probe = await prober.probe(clip('rotated.mp4'));
    const frame = await reader.readFrame(clip('rotated.mp4'), probe, 1.0);
    expect(frame).toMatchObject({ frame_index: 25, time_s: 1 });
    expect(frame.image).toMatchObject({ width: 320, height: 180 }); // stored orientation
    const all = rgbFrames(clip('rotated.mp4'), 320, 180);
    expect(Buffer.compare(Buffer.from(frame.image.data), Buffer.from(all[25]))).toBe(0);
    const basic = await prober.probe(clip('basic.mp4'));
    const proxies = await reader.readFrames(clip('basic.mp4'), basic, reader.sampleTimes(basic, 3), { maxSide: 64 });
    expect(proxies.map((p) => [p.image.width, p.image.height, p.frame_index])).toEqual([[64, 36, 9], [64, 36, 25], [64, 36, 42]]);
  });

  it('scans every frame and finds the hard cut and the dissolve', async () => {
    const probe = await prober.probe(clip('shots.mp4'));
    const stats = await reader.scan(clip('shots.mp4'), probe);
    expect(stats).toHaveLength(probe.video.frame_count!);
    const { cuts, shots } = detectShots(stats, probe.video.fps);
    expect(cuts).toHaveLength(2);
    expect(cuts[0]).toMatchObject({ kind: 'cut', frame: 50 });
    expect(cuts[1].kind).toBe('dissolve');
    expect(cuts[1].frame).toBeGreaterThanOrEqual(84);
    expect(cuts[1].frame).toBeLessThanOrEqual(88);
    expect(cuts[1].end_frame).toBeGreaterThanOrEqual(96);
    expect(cuts[1].end_frame).toBeLessThanOrEqual(100);
    expect(shots).toHaveLength(3);
  });
});
