import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * Short clips made by the tests with the system ffmpeg — nothing downloaded, every
 * property known by construction (cuts, dissolves, exposure ramps, audio streams,
 * rotation), so the tests can check what the grader kept and found.
 */
const run = promisify(execFile);
const PHOTOS = path.resolve(__dirname, '..', 'fixtures', 'photos');
export const photo = (name: string): string => path.join(PHOTOS, name);

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p'];
const AAC = ['-c:a', 'aac', '-b:a', '96k'];

/** ffmpeg's testsrc2 with a sine tone: the plain case. */
export async function testsrcClip(
  file: string,
  o: { width?: number; height?: number; seconds?: number; fps?: number; audio?: 'sine' | 'none' | 'two'; rotation?: number; lossless?: boolean } = {},
): Promise<string> {
  const { width = 320, height = 180, seconds = 2, fps = 25, audio = 'sine' } = o;
  // 4:2:0 needs even sizes: odd ones are encoded 4:4:4 (H.264 High 4:4:4 allows them). Lossless makes big files (multipart uploads).
  let video = width % 2 || height % 2 ? [...H264.slice(0, -1), 'yuv444p'] : H264;
  if (o.lossless) video = ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p'];
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  // testsrc2 draws even sizes only; the scale makes odd ones exact.
  const maps = ['-vf', `scale=${width}:${height}`, '-map', '0:v'];
  if (audio !== 'none') {
    inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
    maps.push('-map', '1:a');
  }
  if (audio === 'two') {
    inputs.push('-f', 'lavfi', '-i', `sine=frequency=660:duration=${seconds}`);
    maps.push('-map', '2:a');
  }
  const encoded = o.rotation ? `${file}.unrotated.mp4` : file;
  await ffmpeg([...inputs, ...maps, ...video, ...(audio === 'none' ? [] : AAC), '-shortest', encoded]);
  // ffmpeg 5.1 writes a display matrix from the `rotate` tag only on a stream copy.
  if (o.rotation) {
    await ffmpeg(['-i', encoded, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${o.rotation}`, file]);
    await rm(encoded, { force: true });
  }
  return file;
}

/** One shot of a photo: scaled, with a slow horizontal pan (a moving camera). */
function shotFilter(index: number, fps: number, width: number, height: number): string {
  return `[${index}:v]scale=w=${width + 64}:h=-2,crop=${width}:${height}:x='min(iw-${width}\\,t*20)':y=0,fps=${fps},format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS[s${index}]`;
}

/** A real photo panned across and slowly zoomed into (zoompan: 1× → 1.2×), with a tone. */
export async function photoPanClip(file: string, o: { photo?: string; seconds?: number; fps?: number; width?: number; height?: number } = {}): Promise<string> {
  const { seconds = 2, fps = 25, width = 320, height = 200 } = o;
  const frames = Math.round(seconds * fps);
  await ffmpeg([
    '-loop', '1', '-framerate', String(fps), '-t', String(seconds), '-i', o.photo ?? photo('coffee.jpg'),
    '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`,
    '-vf', `scale=${width * 2}:-2,zoompan=z='1+${(0.2 / frames).toFixed(5)}*on':x='on*1.5':y='ih/2-ih/zoom/2':d=1:s=${width}x${height}:fps=${fps},format=yuv420p`,
    '-map', '0:v', '-map', '1:a', ...H264, ...AAC, '-shortest', file,
  ]);
  return file;
}

/** The known structure of twoShotClip: a hard cut at `cutFrame`, a dissolve over `dissolve` frames. */
export type TwoShotLayout = { fps: number; frames: number; cutFrame: number; dissolve: { start: number; end: number } };

/**
 * Three photos: shot A, a hard cut to shot B, then a dissolve from B into shot C —
 * "a two-shot clip with a hard cut and a dissolve" (the dissolve's far side is the third shot).
 */
export async function twoShotClip(file: string, o: { fps?: number; shotSeconds?: number; dissolveSeconds?: number } = {}): Promise<TwoShotLayout> {
  const { fps = 25, shotSeconds = 1.6, dissolveSeconds = 0.6 } = o;
  const width = 320;
  const height = 200;
  const photos = [photo('coffee.jpg'), photo('astronaut.jpg'), photo('rocket.jpg')];
  const inputs = photos.flatMap((p) => ['-loop', '1', '-t', String(shotSeconds), '-i', p]);
  const offset = 2 * shotSeconds - dissolveSeconds;
  const graph = [
    ...photos.map((_, i) => shotFilter(i, fps, width, height)),
    '[s0][s1]concat=n=2:v=1:a=0,settb=AVTB[ab]',
    `[ab][s2]xfade=transition=fade:duration=${dissolveSeconds}:offset=${offset}[v]`,
  ].join(';');
  const seconds = 3 * shotSeconds - dissolveSeconds;
  await ffmpeg([...inputs, '-f', 'lavfi', '-i', `sine=frequency=550:duration=${seconds}`, '-filter_complex', graph, '-map', '[v]', '-map', '3:a', ...H264, ...AAC, '-shortest', file]);
  const cutFrame = Math.round(shotSeconds * fps);
  return { fps, frames: Math.round(seconds * fps), cutFrame, dissolve: { start: Math.round(offset * fps), end: Math.round(2 * shotSeconds * fps) } };
}

/**
 * A photo whose exposure rises slowly (luma × 0.95 → × 1.05 over the clip): the flicker
 * test's source. Encoded losslessly, so the ramp is smooth frame by frame instead of the
 * staircase a lossy encoder makes of tiny changes (which would be the encoder's steps, not the grade's).
 */
export async function exposureRampClip(file: string, o: { seconds?: number; fps?: number } = {}): Promise<string> {
  const { seconds = 2.4, fps = 25 } = o;
  await ffmpeg([
    '-loop', '1', '-t', String(seconds), '-i', photo('chelsea.jpg'),
    // geq scales each pixel's luma: every pixel rounds on its own, so the frame's mean moves smoothly (eq's brightness steps in whole code values).
    '-vf', `scale=320:-2,crop=320:200,fps=${fps},format=yuv444p,geq=lum='lum(X\\,Y)*(0.95+0.1*T/${seconds})':cb='cb(X\\,Y)':cr='cr(X\\,Y)',format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-qp', '0', '-pix_fmt', 'yuv420p', '-an', file,
  ]);
  return file;
}

/** A still photo held for the whole clip, losslessly encoded: any change between frames is the grader's (grain). */
export async function stillClip(file: string, o: { seconds?: number; fps?: number } = {}): Promise<string> {
  const { seconds = 1, fps = 25 } = o;
  await ffmpeg([
    '-loop', '1', '-framerate', String(fps), '-t', String(seconds), '-i', photo('motorcycle_left.jpg'),
    '-vf', 'scale=320:-2,crop=320:200,format=yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-qp', '0', '-pix_fmt', 'yuv420p', '-an', file,
  ]);
  return file;
}

/** md5 of the audio packets as stored (stream copy): equal iff the audio was copied untouched. */
export async function audioStreamHash(file: string, stream = 0): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', `0:a:${stream}`, '-c', 'copy', '-f', 'md5', '-'], { maxBuffer: 1 << 20 });
  return stdout.trim();
}

export async function ffprobeJson(file: string): Promise<{ format: Record<string, unknown>; streams: Record<string, unknown>[] }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

/** Every frame as 8-bit RGB (rotation metadata not applied: the stored pixels), one Buffer per frame. */
export async function decodeFrames(file: string, width: number, height: number): Promise<Buffer[]> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-noautorotate', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
  });
  const size = width * height * 3;
  const frames: Buffer[] = [];
  for (let offset = 0; offset + size <= stdout.length; offset += size) frames.push(stdout.subarray(offset, offset + size));
  return frames;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
