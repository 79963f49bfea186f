import { Inject, Injectable } from '@nestjs/common';
import type { RemoteAssistantConfig, WorkerConfig } from '@gradekit/config';
import { isDomainError } from '@gradekit/contracts';
import { remoteRequestBody, type RemoteChatMessage } from '@gradekit/grading-assistant';
import { safeFetch } from '@gradekit/net';
import { WORKER_CONFIG } from '../../config/worker-config.provider';

/** A chat-completions answer is a few kilobytes; anything past 1 MiB is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Why a remote call failed, in words safe to show a client (no URL, no key). */
export class RemoteAssistantError extends Error {
  override readonly name = 'RemoteAssistantError';
}

/**
 * The adapter to an operator's OpenAI-compatible endpoint (AI_API_URL): one POST to
 * `{AI_API_URL}/chat/completions` through safeFetch, with that host allow-listed (it
 * may be on a private network) and every other guard kept: no redirects, a byte cap
 * and one deadline (AI_TIMEOUT_MS) for the whole call. It returns the raw body; what
 * it means is the grading assistant's business.
 */
@Injectable()
export class RemoteAssistantClient {
  readonly config: RemoteAssistantConfig | null;

  constructor(@Inject(WORKER_CONFIG) config: WorkerConfig) {
    this.config = config.ai;
  }

  async complete(messages: readonly RemoteChatMessage[]): Promise<string> {
    const config = this.config;
    if (!config) throw new RemoteAssistantError('no remote assistant is configured');
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
    let response;
    try {
      response = await safeFetch(`${config.apiUrl}/chat/completions`, {
        method: 'POST',
        headers,
        body: remoteRequestBody(config.model, messages),
        timeoutMs: config.timeoutMs,
        maxBytes: MAX_RESPONSE_BYTES,
        maxRedirects: 0,
        policy: { allowHosts: config.allowHosts },
      });
    } catch (error) {
      const reason = isDomainError(error) ? (error.details[0]?.reason as string | undefined) : undefined;
      if (reason === 'timeout') throw new RemoteAssistantError(`the remote assistant did not answer within ${config.timeoutMs} ms`);
      throw new RemoteAssistantError(`the remote assistant could not be reached${reason ? ` (${reason})` : ''}`);
    }
    if (response.status < 200 || response.status > 299) throw new RemoteAssistantError(`the remote assistant answered HTTP ${response.status}`);
    return response.body.toString('utf8');
  }
}
