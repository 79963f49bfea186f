import type { ImageResult } from '../../operations/image-result';
import type { ActionStep } from './action-steps';

/** `action_apply`: the steps (copied from a saved action when the call was made) and the action's id, if saved. */
export type ActionApplyTaskParams = { steps: ActionStep[]; action_id: string | null };

/** One step of an applied action, as the result reports it. */
export type ActionStepSummary = { index: number; type: string } & Record<string, unknown>;

export interface ActionImageResult extends ImageResult {
  action_id: string | null;
  steps: ActionStepSummary[];
  lut_passes: number;
  spatial_passes: number;
  passes: { kind: 'lut' | 'effects'; steps: number[] }[];
}
