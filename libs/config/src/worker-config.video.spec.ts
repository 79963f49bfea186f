import { ConfigError, loadWorkerConfig } from './index';

describe('worker config: video (FFMPEG_PATH, VIDEO_*)', () => {
  it('defaults to libx264 veryfast CRF 18 on the CPU', () => {
    expect(loadWorkerConfig({}).video).toEqual({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', encoder: 'libx264', crf: 18, preset: 'veryfast', hwaccel: 'none', applyThreads: 1 });
  });

  it('reads the encoder, quality, preset, hardware decode and threads', () => {
    expect(loadWorkerConfig({ VIDEO_ENCODER: 'hevc_nvenc', VIDEO_CRF: '23', VIDEO_PRESET: 'fast', VIDEO_HWACCEL: 'cuda', VIDEO_APPLY_THREADS: '2', FFMPEG_PATH: '/opt/ff/ffmpeg' }).video).toMatchObject({
      encoder: 'hevc_nvenc', crf: 23, preset: 'fast', hwaccel: 'cuda', applyThreads: 2, ffmpegPath: '/opt/ff/ffmpeg',
    });
  });

  it('fails naming each bad variable', () => {
    let error: unknown;
    try {
      loadWorkerConfig({ VIDEO_ENCODER: 'av1_nvenc', VIDEO_CRF: '60', VIDEO_PRESET: 'ludicrous', VIDEO_HWACCEL: 'vaapi' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'VIDEO_ENCODER must be one of libx264, libx265, h264_nvenc, hevc_nvenc (got "av1_nvenc")',
      'VIDEO_CRF must be between 0 and 51 (got 60)',
      'VIDEO_PRESET must be one of ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow (got "ludicrous")',
      'VIDEO_HWACCEL must be one of none, cuda (got "vaapi")',
    ]);
  });
});
