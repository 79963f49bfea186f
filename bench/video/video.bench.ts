/**
 * Video grading speed: the worker's streaming pipeline (ffmpeg decoder → raw RGB → the
 * engine's WebAssembly tetrahedral LUT on a worker thread → ffmpeg encoder → muxer) against
 * ffmpeg's own `-vf lut3d=…:interp=tetrahedral` with the same encoder and settings (libx264
 * veryfast CRF 18, audio copied), on the same clips, interleaved in the same run. Also: a
 * plain transcode without any LUT (the ceiling), the peak RSS of our Node process and of
 * ffmpeg, and how closely our LUT output matches lut3d's — on the raw RGB frames before
 * encoding (the same decoded frames into both) and on the decoded encoded outputs.
 *
 *   node bench/common/run-ts.js bench/video/video.bench.ts            # 1080p and 4K (≈ 2 min on 2 cores)
 *   node bench/common/run-ts.js bench/video/video.bench.ts --short    # 1080p only, one rep (≈ 30 s)
 *
 * The clips are testsrc2 (moving synthetic pattern, untagged BT.601 like ffmpeg's defaults,
 * so both pipelines convert YUV ↔ RGB the same way) with a sine audio track, made in a
 * temporary directory. Writes bench/results/video.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyLut, bakeLut, writeCube, type ColorTransform } from '@gradekit/color';
import { VideoCapabilities } from '../../apps/worker/src/media/video/video-capabilities';
import { VideoGrader } from '../../apps/worker/src/media/video/video-grader';
import { VideoProber } from '../../apps/worker/src/media/video/video-prober';
import { formatTable, fixed } from '../common/table';

const ROOT = path.resolve(__dirname, '..', '..');
const TS_REGISTER = path.join(ROOT, 'bench', 'common', 'ts-register.js');
const ENCODE = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18'];

/** A grade with some curvature in every channel, so tetrahedral interpolation matters. */
const GRADE: ColorTransform = (rgb) => {
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i];
    const g = rgb[i + 1];
    const b = rgb[i + 2];
    rgb[i] = Math.min(1, 0.9 * r ** 0.85 + 0.08 * g + 0.02);
    rgb[i + 1] = Math.min(1, g ** 1.1 * 0.95 + 0.03 * b);
    rgb[i + 2] = Math.min(1, 0.75 * b + 0.1 * r * g + 0.04);
  }
};
const LUT = bakeLut(GRADE, 33);

/** cpuSeconds: user + system time of the process and every child it waited for (ffmpeg's threads and processes included). */
type Run = { fps: number; seconds: number; frames: number; peakRssMb: number; cpuSeconds: number };

/** The child mode: one grade in a fresh process, so its peak RSS is the pipeline's alone. */
async function childGrade(input: string, output: string, threads: number): Promise<void> {
  const config = { video: { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', encoder: 'libx264' as const, crf: 18, preset: 'veryfast', hwaccel: 'none' as const, applyThreads: threads } };
  const probe = await new VideoProber(config).probe(input, { tailCheck: false });
  const grader = new VideoGrader(config, new VideoCapabilities(config, { warn: () => undefined, info: () => undefined }), TS_REGISTER);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuSeconds();
  const outcome = await grader.grade({ inputPath: input, outputPath: output, probe, lut: LUT });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const cpuSeconds = nodeCpuSeconds + childrenCpuSeconds() - children0;
  await grader.onApplicationShutdown();
  console.log(JSON.stringify({ frames: outcome.frames, seconds, fps: outcome.frames / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds, nodeCpuSeconds }));
}

/** CPU seconds of this process's finished children (cutime + cstime of /proc/self/stat): the three ffmpegs. */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After "pid (comm) ", field 3 is state; cutime and cstime are fields 16 and 17 (1-based over the whole line).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Runs a command under /usr/bin/time; resolves with its wall time, peak RSS and stdout. */
function timed(command: string, args: string[]): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'RSS_KB=%M CPU=%U+%S', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`${command} failed (${code}): ${stderr.slice(-2000)}`));
      const rss = Number(/RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ seconds, peakRssMb: rss, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, stdout });
    });
  });
}

async function ffmpegRun(args: string[], frames: number): Promise<Run> {
  const r = await timed('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  return { fps: frames / r.seconds, seconds: r.seconds, frames, peakRssMb: r.peakRssMb, cpuSeconds: r.cpuSeconds };
}

async function oursRun(input: string, output: string, threads: number): Promise<Run> {
  const r = await timed(process.execPath, [path.join(ROOT, 'bench', 'common', 'run-ts.js'), __filename, '--child', input, output, String(threads)]);
  // fps, CPU and RSS as the child measured them around the grade (not Node's start or the TypeScript compile).
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

function median(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.fps - b.fps);
  return sorted[Math.floor(sorted.length / 2)];
}

/** rgb24 frames of a file, through the same decode (untagged: swscale defaults). */
function decodeRgb(file: string, frames: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-noautorotate', '-i', file, '-map', '0:v:0', '-frames:v', String(frames), '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 2 ** 31 });
}

function agreement(a: Uint8Array, b: Uint8Array): { within1: number; maxDiff: number; meanAbs: number } {
  let within = 0;
  let max = 0;
  let sum = 0;
  const n = Math.min(a.length, b.length);
  // Per pixel: all three channels within 1.
  for (let i = 0; i < n; i += 3) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    if (d <= 1) within++;
    if (d > max) max = d;
    sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
  }
  return { within1: within / (n / 3), maxDiff: max, meanAbs: sum / n };
}

async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradekit-video-bench-'));
  const cube = path.join(dir, 'grade.cube');
  writeFileSync(cube, writeCube(LUT));
  const cases = [
    { name: '1080p', size: '1920x1080', seconds: 3, reps: short ? 1 : 3 },
    ...(short ? [] : [{ name: '4K', size: '3840x2160', seconds: 1.5, reps: 2 }]),
  ];
  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  try {
    for (const c of cases) {
      const clip = path.join(dir, `${c.name}.mp4`);
      ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=${c.size}:r=30:d=${c.seconds}`, '-f', 'lavfi', '-i', `sine=d=${c.seconds}`, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip]);
      const frames = Math.round(c.seconds * 30);
      const lut3dOut = path.join(dir, `${c.name}-lut3d.mp4`);
      const plainOut = path.join(dir, `${c.name}-plain.mp4`);
      const oursOut = path.join(dir, `${c.name}-ours.mp4`);
      const lut3dArgs = ['-i', clip, '-vf', `lut3d=file=${cube}:interp=tetrahedral`, ...ENCODE, '-pix_fmt', 'yuv420p', '-c:a', 'copy', lut3dOut];
      const plainArgs = ['-i', clip, ...ENCODE, '-pix_fmt', 'yuv420p', '-c:a', 'copy', plainOut];
      // Warm-up (page cache, JIT of the child's code paths is per process anyway).
      await oursRun(clip, oursOut, 1);
      const lut3d: Run[] = [];
      const ours: Run[] = [];
      const ours2: Run[] = [];
      const plain: Run[] = [];
      for (let r = 0; r < c.reps; r++) {
        lut3d.push(await ffmpegRun(lut3dArgs, frames));
        ours.push(await oursRun(clip, oursOut, 1));
        if (!short) ours2.push(await oursRun(clip, oursOut, 2));
        plain.push(await ffmpegRun(plainArgs, frames));
      }
      // Agreement on raw frames: the same decoded frames into lut3d (rgb24 in, rgb24 out) and into our apply.
      const n = Math.min(frames, c.name === '4K' ? 4 : 10);
      const [w, h] = c.size.split('x').map(Number);
      const decoded = decodeRgb(clip, n);
      const rawIn = path.join(dir, `${c.name}.rgb`);
      writeFileSync(rawIn, decoded);
      const theirsRaw = execFileSync('ffmpeg', ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', c.size, '-i', rawIn, '-vf', `lut3d=file=${cube}:interp=tetrahedral`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 2 ** 31 });
      rmSync(rawIn);
      const oursRaw = applyLut({ width: w, height: h * n, channels: 3, data: new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length) }, LUT).data as Uint8Array;
      const raw = agreement(oursRaw, theirsRaw);
      const enc = agreement(decodeRgb(oursOut, n), decodeRgb(lut3dOut, n));
      const m = { lut3d: median(lut3d), ours: median(ours), ...(ours2.length ? { oursTwoThreads: median(ours2) } : {}), plain: median(plain) };
      results[c.name] = {
        frames,
        fps: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.fps])),
        runs: { lut3d, ours, ours2, plain },
        speedupOverLut3d: m.ours.fps / m.lut3d.fps,
        cpuMsPerFrame: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (1000 * v.cpuSeconds) / v.frames])),
        /** CPU per frame, lut3d ÷ ours: the speed-up when nothing else runs on the cores (the fps ratio shrinks when other tenants take CPU). */
        cpuEfficiencyOverLut3d: m.lut3d.cpuSeconds / m.ours.cpuSeconds,
        speedupTwoThreadsOverLut3d: ours2.length ? median(ours2).fps / m.lut3d.fps : null,
        peakRssMb: { ours: m.ours.peakRssMb, lut3d: m.lut3d.peakRssMb, plain: m.plain.peakRssMb },
        agreementRaw: raw,
        agreementDecoded: enc,
      };
      const cpuMs = (run: Run): string => fixed((1000 * run.cpuSeconds) / run.frames, 1);
      rows.push([c.name, fixed(m.lut3d.fps, 1), fixed(m.ours.fps, 1), cpuMs(m.lut3d), cpuMs(m.ours), cpuMs(m.plain), ours2.length ? fixed(median(ours2).fps, 1) : '—', fixed(m.plain.fps, 1), `${fixed(m.ours.fps / m.lut3d.fps, 2)}×`, fixed(m.ours.peakRssMb, 0), fixed(m.lut3d.peakRssMb, 0), `${fixed(raw.within1 * 100, 3)} %`, `${fixed(enc.within1 * 100, 2)} %`]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(formatTable(['clip', 'lut3d fps', 'ours fps', 'lut3d CPU ms/f', 'ours CPU ms/f', 'no LUT CPU ms/f', 'ours 2 thr', 'no LUT fps', 'speed-up', 'our RSS MB', 'ffmpeg RSS MB', 'raw ≤1', 'decoded ≤1'], rows));
  const r1080 = results['1080p'] as { speedupOverLut3d: number; agreementRaw: { within1: number } };
  const checks = { atLeast1_5xLut3dAt1080p: r1080.speedupOverLut3d >= 1.5, rawWithin1On99Percent: r1080.agreementRaw.within1 >= 0.99 };
  console.log(`targets: ≥ 1.5× lut3d fps at 1080p: ${checks.atLeast1_5xLut3dAt1080p ? 'PASS' : 'FAIL'}; raw frames within 1 code value on ≥ 99 % of pixels: ${checks.rawWithin1On99Percent ? 'PASS' : 'FAIL'}`);
  const json = { bench: 'video', cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadavg: os.loadavg(), encoder: 'libx264 veryfast crf 18', lutSize: LUT.size, short, results, checks };
  console.log(JSON.stringify(json));
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'video.json'), JSON.stringify(json, null, 2));
}

if (require.main === module) {
  const child = process.argv.indexOf('--child');
  const run = child > 0 ? childGrade(process.argv[child + 1], process.argv[child + 2], Number(process.argv[child + 3])) : main();
  run.catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
