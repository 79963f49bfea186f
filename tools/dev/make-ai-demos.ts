/**
 * The sandbox demos of ai_suggest and ai_refine: the built-in assistant (as the
 * worker runs it, statistics from the proxy) on a demo-sized test photo — a
 * suggestion, then a "a bit more" refinement of it with the returned conversation.
 * Called by make-sandbox-demos.ts.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { analyzeImage } from '@gradekit/color';
import type { AiMessage, ImageResult } from '@gradekit/contracts';
import { imageStatsOf, interpretPrompt } from '@gradekit/grading-assistant';
import { aiGradeResult, applyGradeValues } from '../../apps/worker/src/features/ai/ai-grading.service';
import type { ImageDecoder } from '../../apps/worker/src/media/image-decoder';
import type { ImageEncoder } from '../../apps/worker/src/media/image-encoder';
import { ANALYSIS_PROXY_SIDE } from '../../apps/worker/src/media/proxy-size';

export const DEMO_AI_PROMPT = 'warmer, teal and orange, crush the blacks a bit';
export const DEMO_AI_REFINE_PROMPT = 'a bit more';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function writeAiDemos(demoDir: string, photosDir: string, decoder: ImageDecoder, encoder: ImageEncoder): Promise<void> {
  const bytes = await sharp(path.join(photosDir, 'astronaut.jpg')).resize(640, 640, { fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
  const { proxy } = await decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
  const stats = imageStatsOf(analyzeImage(proxy, { proxySize: ANALYSIS_PROXY_SIDE }));
  const full = await decoder.decodeFull(bytes);

  const write = async (name: string, prompt: string, answer: ReturnType<typeof interpretPrompt>, history: AiMessage[]) => {
    const encoded = await encoder.encode(applyGradeValues(full.image, answer.values), full.source.format);
    writeFileSync(path.join(demoDir, `${name}.jpg`), encoded.buffer);
    const image: ImageResult = {
      key: '', width: encoded.width, height: encoded.height, format: encoded.format, bytes: encoded.buffer.length, bit_depth: encoded.bitDepth, has_alpha: encoded.hasAlpha, thumbnail_key: '',
    };
    // The sandbox service adds key, url and thumbnail fields of its own.
    const { key: _key, thumbnail_key: _thumbnail, ...result } = aiGradeResult(image, prompt, { ...answer, engine: 'local' }, history);
    writeFileSync(path.join(demoDir, `${name}.json`), json(result));
    return result;
  };

  const suggestion = interpretPrompt(DEMO_AI_PROMPT, { stats });
  const suggested = await write('ai-suggest', DEMO_AI_PROMPT, suggestion, []);
  const refinement = interpretPrompt(DEMO_AI_REFINE_PROMPT, { stats, current: suggestion.values, history: suggested.messages });
  await write('ai-refine', DEMO_AI_REFINE_PROMPT, refinement, suggested.messages);
}
