import { codecArgs, decoderArgs, encoderArgs, muxerArgs, nvencPreset, outputFormatFor, outputPixFmt, rawFrameFormat, secs, tailCheckArgs } from './ffmpeg-args';
import type { VideoProbe } from './video-probe';

function probe(over: Partial<VideoProbe['video']> = {}, container = 'mp4'): VideoProbe {
  return {
    container,
    format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
    duration_s: 2,
    bytes: 1000,
    bit_rate: 4000,
    video: {
      index: 0, codec: 'h264', profile: 'High', width: 1920, height: 1080, display_width: 1920, display_height: 1080,
      pix_fmt: 'yuv420p', bit_depth: 8, fps: 25, r_fps: 25, r_frame_rate: '25/1', avg_frame_rate: '25/1',
      variable_frame_rate: false, frame_count: 50, duration_s: 2, rotation: 0,
      color: { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', range: 'tv' }, hdr: 'sdr', ...over,
    },
    audio: [{ index: 1, codec: 'aac', channels: 2, sample_rate: 48000 }],
    other_streams: [],
  };
}

const x264 = { encoder: 'libx264' as const, crf: 18, preset: 'veryfast' };

describe('video ffmpeg arguments', () => {
  it('tunes x264 and x265 for film grain when the grade adds grain, and only then', () => {
    expect(codecArgs('libx264', { ...x264, tune: 'grain' })).toEqual(['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'grain', '-crf', '18']);
    expect(codecArgs('libx265', { ...x264, encoder: 'libx265', tune: 'grain' })).toEqual(['-c:v', 'libx265', '-preset', 'veryfast', '-tune', 'grain', '-crf', '18', '-x265-params', 'log-level=error']);
    expect(codecArgs('libx264', x264)).toEqual(['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18']);
  });

  it('decodes to rgb24 on stdout, stored orientation, the probe\'s matrix and range', () => {
    const p = probe();
    expect(decoderArgs({ input: '/in.mp4', probe: p, format: rawFrameFormat(p) })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error', '-noautorotate', '-i', '/in.mp4', '-map', '0:0', '-an', '-sn', '-dn',
      '-fps_mode', 'passthrough', '-vf', 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ]);
  });

  it('resamples a variable frame rate to its average, scales the test tier to even sizes, uses NVDEC when asked', () => {
    const p = probe({ variable_frame_rate: true, avg_frame_rate: '2997/100', width: 1281, height: 721, color: { primaries: null, transfer: null, matrix: null, range: null } });
    const format = rawFrameFormat(p, 0.5);
    expect(format).toEqual({ pixFmt: 'rgb24', width: 640, height: 360, frameBytes: 640 * 360 * 3 });
    expect(decoderArgs({ input: 'in.mov', probe: p, format, hwaccel: 'cuda', startS: 1.5, frames: 1, scaleFlags: 'area' })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error', '-hwaccel', 'cuda', '-ss', '1.5', '-noautorotate', '-i', 'in.mov', '-map', '0:0', '-an', '-sn', '-dn',
      '-fps_mode', 'cfr', '-r', '2997/100', '-frames:v', '1', '-vf', 'scale=w=640:h=360:flags=area,format=rgb24', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ]);
  });

  it('decodes deep sources to rgb48le', () => {
    const p = probe({ bit_depth: 10, pix_fmt: 'yuv420p10le' });
    expect(rawFrameFormat(p)).toEqual({ pixFmt: 'rgb48le', width: 1920, height: 1080, frameBytes: 1920 * 1080 * 6 });
  });

  it('encodes raw RGB to NUT with the source\'s rate, pixel format and colour tags, progress on fd 3', () => {
    const p = probe({ r_frame_rate: '30000/1001', avg_frame_rate: '30000/1001' });
    const format = rawFrameFormat(p);
    expect(encoderArgs({ probe: p, format, output: outputFormatFor(p, 'libx264'), settings: x264, progressFd: 3 })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', 'pipe:3',
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '1920x1080', '-framerate', '30000/1001', '-i', 'pipe:0',
      '-map', '0:v', '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
      '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv', '-f', 'nut', 'pipe:1',
    ]);
  });

  it('picks encoder settings per encoder', () => {
    const p = probe({ color: { primaries: null, transfer: null, matrix: null, range: null } });
    const format = rawFrameFormat(p);
    const tail = (encoder: 'libx265' | 'h264_nvenc', container = 'mp4') => {
      const pp = { ...p, container };
      const args = encoderArgs({ probe: pp, format, output: outputFormatFor(pp, encoder), settings: { ...x264, encoder } });
      return args.slice(args.indexOf('-c:v'));
    };
    expect(tail('libx265')).toEqual(['-c:v', 'libx265', '-preset', 'veryfast', '-crf', '18', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p', '-f', 'nut', 'pipe:1']);
    expect(tail('h264_nvenc')).toEqual(['-c:v', 'h264_nvenc', '-preset', 'p2', '-rc', 'vbr', '-cq', '18', '-b:v', '0', '-pix_fmt', 'yuv420p', '-f', 'nut', 'pipe:1']);
    expect(tail('h264_nvenc', 'webm')).toEqual(['-c:v', 'libvpx-vp9', '-crf', '18', '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-pix_fmt', 'yuv420p', '-f', 'nut', 'pipe:1']);
    expect(nvencPreset('p6')).toBe('p6');
    expect(nvencPreset('slow')).toBe('p6');
  });

  it('keeps the pixel format the encoder has; odd sizes go 4:4:4; deep sources stay deep', () => {
    const odd = probe({ width: 321, height: 181 });
    expect(outputPixFmt(odd, 'libx264', rawFrameFormat(odd))).toBe('yuv444p');
    expect(outputPixFmt(probe({ pix_fmt: 'yuv422p' }), 'libx264', rawFrameFormat(probe()))).toBe('yuv422p');
    expect(outputPixFmt(probe({ pix_fmt: 'yuv420p10le', bit_depth: 10 }), 'h264_nvenc', rawFrameFormat(probe()))).toBe('yuv420p');
    expect(outputPixFmt(probe({ pix_fmt: 'yuv420p10le', bit_depth: 10 }), 'hevc_nvenc', rawFrameFormat(probe()))).toBe('p010le');
    expect(outputPixFmt(probe({ pix_fmt: 'gbrp' }), 'libx264', rawFrameFormat(probe()))).toBe('yuv420p');
  });

  it('muxes the encoded video with every source audio stream copied, rotation and faststart', () => {
    const p = probe({ rotation: 90 });
    expect(muxerArgs({ source: '/in.mp4', outputPath: '/out.mp4', probe: p, output: outputFormatFor(p, 'libx265') })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error', '-f', 'nut', '-i', 'pipe:0', '-i', '/in.mp4',
      '-map', '0:v:0', '-map', '1:a?', '-c', 'copy', '-map_metadata', '1', '-metadata:s:v:0', 'rotate=270', '-tag:v', 'hvc1', '-movflags', '+faststart',
      '-f', 'mp4', '-y', '/out.mp4',
    ]);
    const mkv = probe({}, 'avi');
    expect(outputFormatFor(mkv, 'libx264')).toEqual({ muxer: 'matroska', extension: 'mkv', contentType: 'video/x-matroska', encoder: 'libx264' });
    expect(muxerArgs({ source: 'a.avi', outputPath: 'b.mkv', probe: mkv, output: outputFormatFor(mkv, 'libx264') })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error', '-f', 'nut', '-i', 'pipe:0', '-i', 'a.avi', '-map', '0:v:0', '-map', '1:a?', '-c', 'copy', '-map_metadata', '1', '-f', 'matroska', '-y', 'b.mkv',
    ]);
  });

  it('checks the last second decodes', () => {
    expect(tailCheckArgs('/in.mp4', probe())).toEqual(['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-ss', '1', '-noautorotate', '-i', '/in.mp4', '-map', '0:0', '-f', 'framecrc', 'pipe:1']);
    expect(secs(1 / 3)).toBe('0.333333');
    expect(secs(0)).toBe('0');
  });
});
