import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApplyActionDto, DomainError, type ActionStep, type InputKeyOf } from '@gradekit/contracts';
import type { GradekitRequest, Principal } from '../../common/request-context';
import { inputFieldsOf } from '../../operations/inputs/input-fields';
import type { ImageInputField } from '../../operations/inputs/input-resolver.service';
import { operationSummary } from '../../operations/operation-route';
import { Operation } from '../../operations/operation.decorator';
import { OperationRunner } from '../../operations/operation-runner.service';
import { ActionsService, checkedSteps } from './actions.service';

/** The storage inputs a step reads, by role: a LUT file or a match reference. */
function stepInputs(steps: ActionStep[]): ImageInputField<InputKeyOf<'action_apply'>>[] {
  return steps.flatMap((step, index): ImageInputField<InputKeyOf<'action_apply'>>[] => {
    if (step.type === 'lut') return [{ role: `lut:${index}`, inlineField: `steps[${index}].lut`, keyField: `steps[${index}].lut_key`, key: step.lut_key }];
    if (step.type === 'match') return [{ role: `reference:${index}`, inlineField: `steps[${index}].reference`, keyField: `steps[${index}].reference_key`, key: step.reference_key }];
    return [];
  });
}

@ApiTags('Actions')
@Controller('api/v1/actions')
export class ApplyActionController {
  constructor(
    private readonly runner: OperationRunner,
    private readonly actions: ActionsService,
  ) {}

  @Post('apply')
  @HttpCode(200)
  @Operation('action_apply')
  @ApiOperation({
    summary: operationSummary('action_apply', 'Apply a processing action to an image'),
    description:
      'Runs a saved action (`action_id`) or inline `steps` — exactly one — as one job. Consecutive colour-only steps are fused into a single LUT pass ' +
      '(each step still sees the image as the steps before it left it: white balance and match measure the running result); film effects and a look\'s ' +
      'effects run as their own passes in between. The steps of a saved action are copied when the call is made, so editing the action later does not change a queued task. ' +
      'The result lists what each step did and how many LUT and spatial passes ran.',
  })
  @ApiOkResponse({ description: '`{ task_id, result: { key, url, …, steps: [{ index, type, … }], lut_passes, spatial_passes }, … }`' })
  async apply(@Body() body: ApplyActionDto, @Req() req: GradekitRequest, @Res({ passthrough: true }) res: Response) {
    if ((body.action_id === undefined) === (body.steps === undefined)) {
      throw DomainError.validation('Provide exactly one of action_id or steps', [
        { field: 'action_id', message: 'one of your saved actions' },
        { field: 'steps', message: 'or the steps inline' },
      ]);
    }
    const principal = req.principal as Principal;
    const steps = body.action_id ? ((await this.actions.get(principal.user.id, body.action_id)).steps as ActionStep[]) : checkedSteps(body.steps);
    return this.runner.run(req, res, 'action_apply', {
      inputs: [...inputFieldsOf('action_apply', body, ['image']), ...stepInputs(steps)],
      webhookUrl: body.webhook_url,
      params: { steps, action_id: body.action_id ?? null },
      responseFormat: body.response_format,
    });
  }
}
