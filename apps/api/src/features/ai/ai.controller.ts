import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AiRefineRequestDto, AiSuggestRequestDto, DomainError, gradeValuesFromSnake, gradeValuesToSnake, type AiMessage } from '@gradekit/contracts';
import { PROMPT_EXAMPLES, REFINE_EXAMPLES, assessPrompt } from '@gradekit/grading-assistant';
import type { GradekitRequest } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import { operationSummary } from '../../operations/operation-route';
import { Operation } from '../../operations/operation.decorator';
import { OperationRunner } from '../../operations/operation-runner.service';

const RESULT_SHAPE =
  '`{ task_id, result: { key, url, width, height, format, bytes, bit_depth, has_alpha, thumbnail_key, thumbnail_url, prompt, values, changes: [{ term, effect, fields }], ' +
  'unrecognised, engine: "local"|"remote", remote_error?, reply, messages }, history_id, credits_used, credits_remaining, sandbox }`';

const ENGINE_DOC =
  'The built-in assistant reads colourists\' words — warmer/cooler, teal and orange, crush or lift the blacks, film look, moody, cinematic, punchy, ' +
  'muted, less saturated skin, brighter/darker, more/less contrast, recover highlights, open the shadows, black and white, vintage, green/magenta ' +
  'tint fixes, "like <preset>" — with intensifiers ("slightly", "a bit" ×0.5; "much", "very", "a lot" ×1.5) and negations ("less", "not so", ' +
  '"too"); "auto", "fix exposure" and "neutral white balance" use the image\'s own statistics (exposure, white point, clipping, colourfulness). ' +
  'It is deterministic: the same prompt and image give the same values. When the operator configures an OpenAI-compatible model (AI_API_URL), ' +
  'it answers instead, its values validated like `current_values`; on any failure the built-in assistant answers (`engine: "local"`, ' +
  '`remote_error` says why). A prompt with nothing the built-in assistant understands is refused with 422 UNPROCESSABLE before anything is ' +
  'charged. The values are baked into one 33³ LUT applied to the full image (format, alpha, 16-bit depth and orientation kept).';

/**
 * A prompt the assistant cannot act on is refused here, before inputs are resolved or
 * anything is charged: reading the words needs no image (the statistics-driven terms
 * are recognised here and resolved by the worker).
 */
function requireUnderstood(prompt: string, options: Parameters<typeof assessPrompt>[1]): void {
  const assessment = assessPrompt(prompt, options);
  if (assessment.ok) return;
  const examples = options.mode === 'refine' ? [...PROMPT_EXAMPLES, ...REFINE_EXAMPLES] : [...PROMPT_EXAMPLES];
  throw new DomainError('UNPROCESSABLE', assessment.reason, [
    { field: 'prompt', message: `Nothing in the prompt is an instruction the assistant understands. Try e.g. ${examples.slice(0, 6).map((e) => `"${e}"`).join(', ')}`, unrecognised: assessment.unrecognised },
    { message: 'Examples of prompts the assistant understands (combine them freely, with "slightly", "much", "less", …)', examples },
  ]);
}

@ApiTags('AI Color Grading')
@Controller('api/v1')
export class AiController {
  constructor(private readonly runner: OperationRunner) {}

  @Post('ai/suggest')
  @HttpCode(200)
  @Operation('ai_suggest')
  @ApiOperation({
    summary: operationSummary('ai_suggest', 'AI color grading suggestion'),
    description:
      'Turns a prompt into ColorGradeValues for this image and returns them with the graded image. The answer\'s `values` and `messages` are ' +
      'what /ai/refine takes back as `current_values` and `messages`. ' +
      ENGINE_DOC,
  })
  @ApiOkResponse({ description: RESULT_SHAPE })
  @ApiResponse({ status: 422, description: 'UNPROCESSABLE: nothing in the prompt is understood (details list examples); nothing charged' })
  suggest(@Body() body: AiSuggestRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    requireUnderstood(body.prompt, { mode: 'suggest' });
    return this.runner.run(req, res, 'ai_suggest', {
      inputs: inputFieldsOf('ai_suggest', body),
      webhookUrl: body.webhook_url,
      params: { prompt: body.prompt },
      responseFormat: body.response_format,
    });
  }

  @Post('ai/refine')
  @HttpCode(200)
  @Operation('ai_refine')
  @ApiOperation({
    summary: operationSummary('ai_refine', 'Refine AI color grading with follow-up'),
    description:
      'Applies a follow-up to `current_values`: a new instruction ("warmer", "less contrast"), "a bit more" / "more of that" / "stronger" / ' +
      '"less" (the last user instruction in `messages` again, scaled), "undo" / "go back" (the user prompts of `messages` except the last one, ' +
      'replayed from neutral on this image) or "reset". The ORIGINAL image is graded from scratch with the new values, so errors never compound; ' +
      '`last_result_image(_key)` is optional and only checked. The response appends the prompt and the assistant\'s reply to `messages` ' +
      '(at most 50 entries kept). ' +
      ENGINE_DOC,
  })
  @ApiOkResponse({ description: RESULT_SHAPE })
  @ApiResponse({ status: 422, description: 'UNPROCESSABLE: nothing in the prompt is understood, or "more" with nothing to repeat; nothing charged' })
  refine(@Body() body: AiRefineRequestDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    const current = gradeValuesFromSnake(body.current_values, 'current_values');
    if (!current.ok) throw DomainError.validation('Request validation failed', current.problems.map(({ field, message }) => ({ field, message })));
    const messages: AiMessage[] = body.messages.map(({ role, content }) => ({ role, content }));
    requireUnderstood(body.prompt, { mode: 'refine', history: messages });
    // The last result is optional and only checked (the original is regraded from scratch).
    const sentLastResult = Boolean(body.last_result_image || body.last_result_image_key);
    return this.runner.run(req, res, 'ai_refine', {
      inputs: inputFieldsOf('ai_refine', body, sentLastResult ? ['original', 'last_result'] : ['original']),
      webhookUrl: body.webhook_url,
      params: { prompt: body.prompt, current_values: gradeValuesToSnake(current.value), messages },
      responseFormat: body.response_format,
    });
  }
}
