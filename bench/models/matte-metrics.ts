/**
 * Matte quality against a known alpha (both 8-bit, one byte per pixel):
 * - IoU of the binary masks (alpha ≥ 128);
 * - boundary F-score (Perazzi et al., DAVIS 2016): boundary pixels of each binary mask
 *   (a mask pixel with a 4-neighbour outside it), precision = share of the prediction's
 *   boundary within `tolerance` px (Chebyshev) of the truth's, recall the converse;
 * - MAE of alpha on 0–1.
 */

export interface MatteScores {
  iou: number;
  boundaryF: number;
  mae: number;
}

export const MASK_THRESHOLD = 128;

export function iou(predicted: Uint8Array, truth: Uint8Array, threshold = MASK_THRESHOLD): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] >= threshold;
    const t = truth[i] >= threshold;
    if (p && t) inter++;
    if (p || t) union++;
  }
  return union ? inter / union : 1;
}

export function meanAbsoluteError(predicted: Uint8Array, truth: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += Math.abs(predicted[i] - truth[i]);
  return sum / (255 * truth.length);
}

/** Boundary pixels of the binary mask alpha ≥ threshold (the image border counts as outside). */
export function boundary(alpha: Uint8Array, width: number, height: number, threshold = MASK_THRESHOLD): Uint8Array {
  const out = new Uint8Array(width * height);
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && alpha[y * width + x] >= threshold;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (on(x, y) && (!on(x - 1, y) || !on(x + 1, y) || !on(x, y - 1) || !on(x, y + 1))) out[y * width + x] = 1;
    }
  }
  return out;
}

/**
 * Square dilation by r (a separable running max of a 0/1 plane): scanning to x, `last` is
 * the last set pixel ≤ x, so pixel x − r has a set pixel within r iff last ≥ x − 2r.
 */
export function dilate(plane: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(plane.length);
  for (let y = 0; y < height; y++) {
    let last = -Infinity;
    for (let x = 0; x < width + r; x++) {
      if (x < width && plane[y * width + x]) last = x;
      const target = x - r;
      if (target >= 0) rows[y * width + target] = last >= target - r ? 1 : 0;
    }
  }
  const out = new Uint8Array(plane.length);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height + r; y++) {
      if (y < height && rows[y * width + x]) last = y;
      const target = y - r;
      if (target >= 0) out[target * width + x] = last >= target - r ? 1 : 0;
    }
  }
  return out;
}

export function boundaryFScore(predicted: Uint8Array, truth: Uint8Array, width: number, height: number, tolerance = 3): number {
  const bp = boundary(predicted, width, height);
  const bt = boundary(truth, width, height);
  const nearTruth = dilate(bt, width, height, tolerance);
  const nearPredicted = dilate(bp, width, height, tolerance);
  let bpCount = 0;
  let btCount = 0;
  let hitP = 0;
  let hitT = 0;
  for (let i = 0; i < bp.length; i++) {
    if (bp[i]) {
      bpCount++;
      if (nearTruth[i]) hitP++;
    }
    if (bt[i]) {
      btCount++;
      if (nearPredicted[i]) hitT++;
    }
  }
  if (bpCount === 0 && btCount === 0) return 1;
  const precision = bpCount ? hitP / bpCount : 0;
  const recall = btCount ? hitT / btCount : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export function matteScores(predicted: Uint8Array, truth: Uint8Array, width: number, height: number, tolerance = 3): MatteScores {
  return { iou: iou(predicted, truth), boundaryF: boundaryFScore(predicted, truth, width, height, tolerance), mae: meanAbsoluteError(predicted, truth) };
}
