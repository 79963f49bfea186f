import { VIDEO_CREDITS_PER_SECOND, videoGradeCredits, videoPricingText } from './video-pricing';

describe('video pricing (credits per second by quality)', () => {
  it('charges ceil(duration × rate), at least 1', () => {
    expect(VIDEO_CREDITS_PER_SECOND).toEqual({ test: 0.2, pro: 0.5, perfect: 1 });
    expect(videoGradeCredits(12, 'pro')).toBe(6);
    expect(videoGradeCredits(12.1, 'pro')).toBe(7);
    expect(videoGradeCredits(15, 'test')).toBe(3); // 0.2 × 15 is 3.0000000000000004 in floating point: not 4
    expect(videoGradeCredits(0.5, 'test')).toBe(1);
    expect(videoGradeCredits(90, 'perfect')).toBe(90);
    expect(videoGradeCredits(Number.NaN, 'pro')).toBe(1);
  });

  it('prints the formula the OpenAPI description and README show', () => {
    expect(videoPricingText()).toBe('credits = max(1, ceil(duration_s × rate)), rate per second by quality: test 0.2, pro 0.5, perfect 1');
  });
});
