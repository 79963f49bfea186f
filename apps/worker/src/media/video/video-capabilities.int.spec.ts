import type { Logger } from 'pino';
import { loadWorkerConfig } from '@gradekit/config';
import { VideoCapabilities } from './video-capabilities';

/**
 * The GPU check on a machine without an NVIDIA GPU (CI, this one): Debian's ffmpeg lists
 * h264_nvenc and hevc_nvenc, so only running them tells that they cannot encode here.
 * The fallback is to the CPU twin, said once in one warn line, and decided once per process.
 */
describe('VideoCapabilities: NVENC / NVDEC fall back to the CPU, loudly and once', () => {
  function capabilities(env: Record<string, string>) {
    const warnings: { report: unknown; message: string }[] = [];
    // pino's LogFn overloads are wider than a test double needs: the double records (object, message) calls.
    const logger = {
      warn: (report: unknown, message: string) => void warnings.push({ report, message }),
      info: () => undefined,
    } as unknown as Pick<Logger, 'warn' | 'info'>;
    return { caps: new VideoCapabilities(loadWorkerConfig(env), logger), warnings };
  }

  it('encodes with libx264 when h264_nvenc cannot run, and decodes on the CPU when CUDA is missing', async () => {
    const { caps, warnings } = capabilities({ VIDEO_ENCODER: 'h264_nvenc', VIDEO_HWACCEL: 'cuda' });
    const report = await caps.resolve();
    expect(report).toMatchObject({ requested: { encoder: 'h264_nvenc', hwaccel: 'cuda' }, encoder: 'libx264', hwaccel: 'none' });
    expect(report.fallback).toMatch(/h264_nvenc is not usable here .*libx264/);
    expect(report.fallback).toMatch(/CUDA \(NVDEC\) decoding is not usable here/);
    expect(await caps.resolve()).toBe(report); // checked once per process
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('GPU fallback');
  });

  it('falls back from hevc_nvenc to libx265, and checks nothing for CPU encoders', async () => {
    expect((await capabilities({ VIDEO_ENCODER: 'hevc_nvenc' }).caps.resolve()).encoder).toBe('libx265');
    const cpu = capabilities({ VIDEO_ENCODER: 'libx265' });
    expect(await cpu.caps.resolve()).toMatchObject({ encoder: 'libx265', hwaccel: 'none', fallback: null });
    expect(cpu.warnings).toEqual([]);
  });
});
