import { Injectable } from '@nestjs/common';
import { DEFAULT_LUT_SIZE, analyzeImage, applyLut, bakeLut, gradeTransform, type ColorGradeValues, type RgbImage } from '@gradekit/color';
import { AI_MAX_MESSAGES, gradeValuesToSnake, type AiGradeResult, type AiMessage, type ImageResult } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import { imageStatsOf, type ImageStats } from '@gradekit/grading-assistant';
import type { StorageDriver } from '@gradekit/storage';
import { ImageDecoder } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import type { TaskSnapshot } from '../../operations/operation-handler';
import type { AssistantAnswer } from './grading-assistant.service';

/** The grade on an image: baked into one 33³ LUT (the same one a .cube export of these values would hold), one tetrahedral pass. */
export function applyGradeValues(image: RgbImage, values: ColorGradeValues): RgbImage {
  return applyLut(image, bakeLut(gradeTransform(values), DEFAULT_LUT_SIZE));
}

/**
 * The image side of ai_suggest and ai_refine: the statistics the assistant reads
 * (from the ≤ 512 px proxy, like /analyze), and the grade applied to the full image
 * as one 33³ LUT (like a preset), stored with its thumbnail and History entry.
 */
@Injectable()
export class AiGradingService {
  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
  ) {}

  async statistics(bytes: Buffer): Promise<ImageStats> {
    const { proxy } = await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE);
    return imageStatsOf(analyzeImage(proxy, { proxySize: ANALYSIS_PROXY_SIDE }));
  }

  async render(storage: StorageDriver, task: TaskSnapshot, bytes: Buffer, values: ColorGradeValues): Promise<{ result: ImageResult; history: HistoryInput }> {
    const full = await this.decoder.decodeFull(bytes);
    return this.output.store(storage, task, applyGradeValues(full.image, values), full.source.format);
  }
}

/**
 * The stored result: the image fields, the values (snake_case, ready to send back as
 * `current_values`), what changed, the engine and the conversation with this turn
 * appended (at most 50 entries, the oldest dropped, so it can be sent back as `messages`).
 */
export function aiGradeResult(image: ImageResult, prompt: string, answer: AssistantAnswer, history: readonly AiMessage[]): AiGradeResult {
  const turn: AiMessage[] = [
    { role: 'user', content: prompt },
    { role: 'assistant', content: answer.reply },
  ];
  const messages = [...history, ...turn].slice(-AI_MAX_MESSAGES);
  return {
    ...image,
    prompt,
    values: gradeValuesToSnake(answer.values) as unknown as Record<string, unknown>,
    changes: answer.changes,
    unrecognised: answer.unrecognised,
    engine: answer.engine,
    ...(answer.remoteError ? { remote_error: answer.remoteError } : {}),
    reply: answer.reply,
    messages,
  };
}
