import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { neutralGradeValues, type ColorGradeValues } from '@gradekit/color';
import { buildRemoteMessages, interpretPrompt, parseRemoteAnswer, type ChatMessage, type GradeChange, type ImageStats } from '@gradekit/grading-assistant';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { RemoteAssistantClient, RemoteAssistantError } from './remote-assistant.client';

export interface AssistantRequest {
  prompt: string;
  stats: ImageStats;
  /** The values being refined; undefined for a suggestion (neutral). */
  current?: ColorGradeValues;
  /** The conversation so far, without the prompt. */
  history: readonly ChatMessage[];
}

export interface AssistantAnswer {
  values: ColorGradeValues;
  changes: GradeChange[];
  unrecognised: string[];
  reply: string;
  engine: 'local' | 'remote';
  /** Set when a configured remote model failed and the built-in assistant answered. */
  remoteError?: string;
}

/**
 * Who answers a prompt: the configured OpenAI-compatible model when there is one and
 * its answer is valid, otherwise — no model, an unreachable one, a timeout, an error
 * status, an answer that is not valid values — the built-in assistant, which always
 * can (the api only accepts prompts it understands).
 */
@Injectable()
export class GradingAssistantService {
  constructor(
    private readonly remote: RemoteAssistantClient,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async answer(request: AssistantRequest): Promise<AssistantAnswer> {
    let remoteError: string | undefined;
    if (this.remote.config) {
      try {
        const body = await this.remote.complete(buildRemoteMessages({ prompt: request.prompt, stats: request.stats, current: request.current, history: request.history }));
        const parsed = parseRemoteAnswer(body, request.current ?? neutralGradeValues(), request.prompt);
        if (parsed.ok) {
          const reply = parsed.reply ?? parsed.changes[0].effect;
          return { values: parsed.values, changes: parsed.changes, unrecognised: [], reply, engine: 'remote' };
        }
        remoteError = `the remote assistant's answer was not usable: ${parsed.reason}`;
      } catch (error) {
        if (!(error instanceof RemoteAssistantError)) throw error;
        remoteError = error.message;
      }
      this.logger.warn({ reason: remoteError }, 'remote grading assistant failed; the built-in assistant answers');
    }
    const local = interpretPrompt(request.prompt, { stats: request.stats, current: request.current, history: request.history });
    return { ...local, engine: 'local', ...(remoteError ? { remoteError } : {}) };
  }
}
