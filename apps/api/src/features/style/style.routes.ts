import { operationRoute } from '../../operations/operation-route';

export const StyleTransferRoute = operationRoute('style_transfer_apply', {
  path: 'api/v1/style-transfer/apply',
  tags: ['Style Transfer'],
  title: 'Apply neural style transfer to an image',
  description:
    'No pretrained neural style weights ship with this server, so the built-in method is a photographic style transfer, not a ' +
    'neural one: (1) the colour engine matches the content\'s colour distribution to the style\'s (the `smooth` method of /match, ' +
    'fitted on ≤ 512 px proxies and applied to the full image as a 33³ LUT); (2) an ONNX graph run on the model runtime (CUDA when ' +
    'configured) splits the luma of content and style into 5-level Laplacian pyramids and scales each content band so its contrast ' +
    'matches the style\'s at that scale (gains clipped to ⅓–3), measured relative to the frame (the style is analysed at the ' +
    'content\'s long side); (3) it adds grain with the style\'s fine-band spectrum, as much as the style\'s flat regions hold beyond ' +
    'the content\'s, from white noise drawn from `seed`, so the same seed gives byte-identical output. It does not move shapes, ' +
    'paint strokes or learn textures: edges stay where they are (structure_kept reports it). `style_model` (extension) runs a ' +
    'feed-forward style model of the worker\'s manifest instead. The response reports the style\'s Gram-matrix distance to the ' +
    'content (before) and to the output (after), on Laplacian band features (RGB × levels; there is no VGG here), and the ' +
    'content\'s structure kept (correlation of Sobel gradients of the luma; before = 1). Contents over 4096 px on the long side are ' +
    'processed and returned at 4096 px (`downscaled_from`). `strength` (extension, 0–1) scales colour, contrast and grain together.',
  ok: '`{ task_id, result: { key, url, width, height, format, bytes, style_model, seed, strength, style_distance: { before, after, reduction_percent }, structure_kept: { before, after } }, history_id, credits_used, credits_remaining, sandbox }`',
  params: (body) => ({ seed: body.seed, strength: body.strength, ...(body.style_model !== undefined ? { style_model: body.style_model } : {}) }),
});
