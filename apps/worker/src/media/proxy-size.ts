export interface Size {
  width: number;
  height: number;
}

/** Long side of the proxy every statistic and fit runs on (docs/architecture.md, colour engine). */
export const ANALYSIS_PROXY_SIDE = 512;

/**
 * Size of a proxy whose long side is at most `maxSide`: the image itself when it
 * already fits (never enlarged), otherwise scaled down keeping the aspect ratio,
 * rounded to whole pixels and never below 1 px on a side.
 */
export function proxySize(width: number, height: number, maxSide = ANALYSIS_PROXY_SIDE): Size {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`proxySize: width and height must be positive integers (got ${width}×${height})`);
  }
  if (!Number.isInteger(maxSide) || maxSide < 1) throw new RangeError(`proxySize: maxSide must be a positive integer (got ${maxSide})`);
  const longSide = Math.max(width, height);
  if (longSide <= maxSide) return { width, height };
  const scale = maxSide / longSide;
  return {
    width: width >= height ? maxSide : Math.max(1, Math.round(width * scale)),
    height: height >= width ? maxSide : Math.max(1, Math.round(height * scale)),
  };
}
