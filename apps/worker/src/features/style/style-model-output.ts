import type { RgbImage } from '@gradekit/color';
import type { InputFrame } from '../../media/models/model-image-io';
import type { ModelImageInput } from '../../media/models/model-manifest';
import type { FloatTensor } from '../../media/models/model-runtime.service';

/**
 * A feed-forward style model's output image back to 8-bit RGB: the tensor is
 * [1,3,H,W] (nchw) or [1,H,W,3] (nhwc) of the input's size, in the input's normalisation
 * ((x − mean) / std of 0–255 values), which is inverted here; a letterboxed input's
 * padding is cut off, so the result has the frame's content size (the caller resizes it
 * to the source's).
 */
export function modelOutputToImage(tensor: FloatTensor, input: ModelImageInput, frame: InputFrame): RgbImage {
  const nchw = input.layout === 'nchw';
  const [channels, height, width] = nchw ? [tensor.dims[1], tensor.dims[2], tensor.dims[3]] : [tensor.dims[3], tensor.dims[1], tensor.dims[2]];
  if (tensor.dims.length !== 4 || channels !== 3 || width !== frame.inputWidth || height !== frame.inputHeight) {
    throw new Error(`style model output is [${tensor.dims.join(',')}]: expected an image of the input's size ${frame.inputWidth}×${frame.inputHeight} with 3 channels (${input.layout})`);
  }
  const w = frame.contentWidth;
  const h = frame.contentHeight;
  const n = width * height;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const source = (y + frame.offsetY) * width + x + frame.offsetX;
      for (let k = 0; k < 3; k++) {
        const value = (nchw ? tensor.data[k * n + source] : tensor.data[source * 3 + k]) * input.std[k] + input.mean[k];
        data[(y * w + x) * 3 + k] = value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
      }
    }
  }
  return { data, width: w, height: h, channels: 3 };
}
