import { DomainError } from '@gradekit/contracts';
import { parseFfprobe, rotationOf } from './ffprobe-parse';

const video = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, pix_fmt: 'yuv420p', r_frame_rate: '30/1', avg_frame_rate: '30/1', duration: '2.000000', nb_frames: '60', color_space: 'bt709', color_transfer: 'bt709', color_primaries: 'bt709', color_range: 'tv' };

describe('parseFfprobe', () => {
  it('reads container, streams, rate, rotation and colour', () => {
    const p = parseFfprobe({ format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '2.01', bit_rate: '1000', tags: { major_brand: 'isom' } }, streams: [
      { ...video, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] },
      { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' },
      { index: 2, codec_type: 'audio', codec_name: 'ac3', channels: 6, sample_rate: '48000' },
    ] }, 5000);
    expect(p.container).toBe('mp4');
    expect(p.video).toMatchObject({ width: 1920, height: 1080, display_width: 1080, display_height: 1920, rotation: 90, fps: 30, variable_frame_rate: false, frame_count: 60, hdr: 'sdr', bit_depth: 8 });
    expect(p.audio).toEqual([{ index: 1, codec: 'aac', channels: 2, sample_rate: 48000 }, { index: 2, codec: 'ac3', channels: 6, sample_rate: 48000 }]);
    expect(p.duration_s).toBe(2.01);
  });

  it('flags variable frame rate, HDR and QuickTime / WebM containers', () => {
    const vfr = parseFfprobe({ format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '2', tags: { major_brand: 'qt  ' } }, streams: [{ ...video, r_frame_rate: '60/1', avg_frame_rate: '2997/100', color_transfer: 'smpte2084', pix_fmt: 'yuv420p10le' }] }, 1);
    expect(vfr.container).toBe('mov');
    expect(vfr.video).toMatchObject({ variable_frame_rate: true, fps: 29.97, r_fps: 60, hdr: 'pq', bit_depth: 10 });
    const webm = parseFfprobe({ format: { format_name: 'matroska,webm', duration: '1' }, streams: [{ ...video, codec_name: 'vp9', color_transfer: 'arib-std-b67' }, { index: 1, codec_type: 'audio', codec_name: 'opus' }] }, 1);
    expect(webm.container).toBe('webm');
    expect(webm.video.hdr).toBe('hlg');
  });

  it('refuses what is not a video with INVALID_VIDEO', () => {
    const attempt = (json: Parameters<typeof parseFfprobe>[0]) => {
      try {
        parseFfprobe(json, 1);
      } catch (e) {
        return e instanceof DomainError ? e.code : 'other';
      }
      return 'accepted';
    };
    expect(attempt({ format: { format_name: 'png_pipe' }, streams: [{ ...video, codec_name: 'png' }] })).toBe('INVALID_VIDEO');
    expect(attempt({ format: { format_name: 'mp3', duration: '3' }, streams: [{ index: 0, codec_type: 'audio', codec_name: 'mp3' }] })).toBe('INVALID_VIDEO');
    expect(attempt({ format: { format_name: 'mov,mp4', duration: 'N/A' }, streams: [{ ...video, duration: undefined }] })).toBe('INVALID_VIDEO');
  });

  it('reads rotation from the display matrix or the legacy tag', () => {
    expect(rotationOf({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })).toBe(270);
    expect(rotationOf({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] })).toBe(180);
    expect(rotationOf({ index: 0, tags: { rotate: '90' } })).toBe(90);
    expect(rotationOf({ index: 0 })).toBe(0);
  });
});
