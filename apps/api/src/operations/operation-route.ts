import { Body, Controller, HttpCode, Post, Req, Res, applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OPERATION_CATALOG, priceLabel, type JsonObject, type OperationName, type ParamsOf, type RequestOf } from '@gradekit/contracts';
import type { GradekitRequest } from '../common/request-context';
import { inputFieldsOf } from './inputs/input-fields';
import { LutFileResponder } from './lut-file.responder';
import { Operation } from './operation.decorator';
import { OperationRunner } from './operation-runner.service';

/** A route that only forwards to the runner: what it documents and how its body becomes the task's params. */
export interface OperationRouteSpec<Op extends OperationName> {
  /** `api/v1/analyze` (POST). */
  path: string;
  tags: string[];
  /** The OpenAPI summary without its price: the price label is appended from the catalog entry. */
  title: string;
  description: string;
  /** The OpenAPI operationId, when a generated client already knows the route by another name (default `<Op>Route_handle`). */
  operationId?: string;
  /** The 200 response, in words (undocumented when absent). */
  ok?: string;
  /** The request (validated by the entry's DTO) → the params the handler receives. */
  params(body: RequestOf<Op>): ParamsOf<Op> & JsonObject;
}

/** The summary every operation route shows: its title and the price from the catalog, e.g. "Single image color matching (1 credit)". */
export function operationSummary(op: OperationName, title: string): string {
  return `${title} (${priceLabel(OPERATION_CATALOG[op])})`;
}

/**
 * A controller for a route with no logic of its own: the body is the entry's DTO
 * (validated and documented from it), the inputs come from the entry's roles, the
 * answer from the runner — and for LUT outputs the .cube file unless the body asks for
 * `response_format: "json"`. A route with real logic (catalog lookups, cross-field
 * checks) stays a hand-written controller that calls the runner itself.
 */
export function operationRoute<Op extends OperationName>(op: Op, spec: OperationRouteSpec<Op>): Type<unknown> {
  const entry = OPERATION_CATALOG[op];

  @ApiTags(...spec.tags)
  @Controller()
  class OperationRouteController {
    constructor(
      readonly runner: OperationRunner,
      readonly files: LutFileResponder,
    ) {}

    async handle(body: RequestOf<Op>, req: GradekitRequest, res: Response): Promise<unknown> {
      const fields = body as { response_format?: string; webhook_url?: string };
      const answer = await this.runner.run(req, res, op, {
        inputs: inputFieldsOf(op, body),
        params: spec.params(body),
        webhookUrl: fields.webhook_url,
        responseFormat: entry.output === 'lut' ? undefined : fields.response_format === 'base64' ? 'base64' : fields.response_format === 'url' ? 'url' : undefined,
      });
      return entry.output === 'lut' ? this.files.respond(res, answer, fields.response_format === 'json' ? 'json' : 'file') : answer;
    }
  }

  const prototype = OperationRouteController.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, 'handle') as PropertyDescriptor;
  // What `handle(@Body() body: Dto, @Req() req, @Res({ passthrough: true }) res)` would have emitted: the validation
  // pipe and the OpenAPI generator read the body's class from design:paramtypes.
  Reflect.defineMetadata('design:paramtypes', [entry.request, Object, Object], prototype, 'handle');
  Body()(prototype, 'handle', 0);
  Req()(prototype, 'handle', 1);
  Res({ passthrough: true })(prototype, 'handle', 2);
  applyDecorators(
    Post(spec.path),
    HttpCode(200),
    Operation(op),
    ...(entry.output === 'lut' ? [ApiProduces('text/plain', 'application/json')] : []),
    ApiOperation({ summary: operationSummary(op, spec.title), description: spec.description, ...(spec.operationId ? { operationId: spec.operationId } : {}) }),
    ...(spec.ok === undefined ? [] : [ApiOkResponse({ description: spec.ok })]),
  )(prototype, 'handle', descriptor);
  Object.defineProperty(OperationRouteController, 'name', { value: `${op.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}Route` });
  return OperationRouteController;
}
