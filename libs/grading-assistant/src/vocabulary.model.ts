import type { ColorGradeValues, HslAdjustment, HslBand, ScalarGradeControls, WheelValue } from '@gradekit/color';
import type { ImageStats } from './assistant.model';

/** An additive change per unit of scale. Split-toning amounts add as colour vectors (see applyDelta). */
export interface GradeDelta extends Partial<ScalarGradeControls> {
  hsl?: Partial<Record<HslBand, Partial<HslAdjustment>>>;
  /** Offsets: lift +x, gain +x (1.03 gain = +0.03). */
  lift?: Partial<WheelValue>;
  gain?: Partial<WheelValue>;
  splitToning?: { highlightHue?: number; highlightSaturation?: number; shadowHue?: number; shadowSaturation?: number };
}

export interface VocabularyEntry {
  id: string;
  /** Phrases that mean this adjustment. */
  phrases: readonly string[];
  /** Phrases that mean its opposite (applied with a negative scale). */
  opposites?: readonly string[];
  /** What it does: [positive direction, negative direction]. */
  label: readonly [string, string];
  /** It names a problem (a cast, redness): "fix/correct/neutralize X" reverses it. */
  problem?: boolean;
  /** Reads the image statistics (resolved by the worker; the api only checks the words). */
  needsStats?: boolean;
  delta?: GradeDelta;
  /** A rule that is not a plain addition; may return a note for the changes list. */
  apply?: (v: ColorGradeValues, k: number, stats: ImageStats | undefined) => string | void;
}
