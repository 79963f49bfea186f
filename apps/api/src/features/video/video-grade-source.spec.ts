import { DomainError, VideoGradeRequestDto } from '@gradekit/contracts';
import { GradingCatalog } from '../grading/grading-catalog.service';
import { videoGradeSource, videoLimitsFor } from './video-grade-source';

function body(fields: Partial<VideoGradeRequestDto>): VideoGradeRequestDto {
  return Object.assign(new VideoGradeRequestDto(), { video_key: 'u/x/videos/a.mp4', duration: 2 }, fields);
}

describe('the grade source of a video request', () => {
  const catalog = new GradingCatalog();

  it('takes exactly one of reference, preset and look', () => {
    expect(videoGradeSource(body({ reference_key: 'u/x/r.jpg', method: 'balanced' }), catalog)).toEqual({ kind: 'reference', method: 'balanced', params: {} });
    expect(videoGradeSource(body({ preset: 'cinematic_warm', preset_intensity: 0.5 }), catalog)).toEqual({ kind: 'preset', preset: 'cinematic_warm', intensity: 0.5 });
    expect(videoGradeSource(body({ look_name: 'blade_runner' }), catalog)).toEqual({ kind: 'look', look: 'blade_runner', intensity: 1 });
    for (const fields of [{}, { preset: 'cinematic_warm', look_name: 'blade_runner' }, { reference_key: 'u/x/r.jpg', preset: 'cinematic_warm' }]) {
      expect(() => videoGradeSource(body(fields), catalog)).toThrow(DomainError);
    }
  });

  it('answers an unknown preset or look with 404 naming the field, before anything is charged', () => {
    try {
      videoGradeSource(body({ preset: 'no_such_preset' }), catalog);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toMatchObject({ code: 'NOT_FOUND', details: [expect.objectContaining({ field: 'preset' })] });
    }
    expect(() => videoGradeSource(body({ look_name: 'no_such_look' }), catalog)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('limits by plan, unknown plans as free', () => {
    expect(videoLimitsFor('pro')).toEqual({ max_duration_s: 600, max_bytes: 2048 * 1024 * 1024 });
    expect(videoLimitsFor('mystery')).toEqual(videoLimitsFor('free'));
  });
});
