import type { BgRemoveFormat, BgRemoveOutput } from './bg-remove-request.dto';

/**
 * `bg_remove_apply`: what to hand back and how. `background_color` is `#rgb` or `#rrggbb` as sent
 * (composite only; white when neither it nor a `background` input is given);
 * `model` only when the caller named one (the worker picks the manifest's first otherwise).
 */
export type BgRemoveTaskParams = {
  output: BgRemoveOutput;
  format: BgRemoveFormat;
  background_color?: string;
  refine_edges: boolean;
  crop_to_subject: boolean;
  padding: number;
  model?: string;
};
