import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, HistoryBatchDeleteDto, HistoryFilmstripQueryDto, HistoryListQueryDto, type Page } from '@gradekit/contracts';
import { HistoryRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { GradekitRequest, Principal } from '../../common/request-context';
import { isSandboxRequest } from '../../operations/operation-runner.service';
import { HistoryObjectsCleaner } from './history-objects.cleaner';
import { historyEntryOf, isHistoryId } from './history-entry.lookup';
import { HistoryPresenter, type FilmstripItemView, type HistoryItemView } from './history.presenter';

/** What every delete answers: the ids removed (with their files), none left unknown (an unknown id is a 404 instead). */
export interface HistoryDeletionView {
  deleted: string[];
  not_found: string[];
  /** true: a dry run (`X-Sandbox: true`): these entries would have been deleted, nothing was. */
  sandbox: boolean;
}

const SANDBOX_HEADER = ApiHeader({ name: 'X-Sandbox', required: false, description: '`true`: a dry run — the same checks and answer, nothing is deleted.' });
const DELETION_EXAMPLE = { deleted: ['3f0c6a8e-1b2d-4c5e-8f90-a1b2c3d4e5f6'], not_found: [], sandbox: false };
const ITEM_EXAMPLE = {
  id: '3f0c6a8e-1b2d-4c5e-8f90-a1b2c3d4e5f6',
  op: 'preset_apply',
  task_id: '5a7b2c1d-9e8f-4a3b-8c7d-6e5f4a3b2c1d',
  created_at: '2026-12-08T01:30:00.000Z',
  params: { preset: 'teal_orange', intensity: 0.8 },
  input_keys: { image: 'u/8d1e…/inputs/…-image.jpg' },
  result: {
    key: 'u/8d1e…/results/5a7b….jpg',
    url: 'https://api.example.com/api/v1/storage/object/…',
    thumbnail_key: 'u/8d1e…/thumbnails/5a7b….jpg',
    thumbnail_url: 'https://api.example.com/api/v1/storage/object/…',
    lut_key: null,
    lut_url: null,
  },
};

/**
 * The history library: every image, LUT and video result writes an entry (the worker,
 * with the task's result). Listing and the filmstrip are free reads of your own entries
 * (`X-Sandbox` does not apply to them). Deletes remove the entries' rows in one
 * transaction, then their stored files (HistoryObjectsCleaner); with `X-Sandbox: true`
 * they are dry runs. Another owner's entry is a 404 everywhere, and deletes it by nobody.
 */
@ApiTags('History')
@Controller('api/v1/history')
export class HistoryController {
  constructor(
    private readonly history: HistoryRepository,
    private readonly presenter: HistoryPresenter,
    private readonly cleaner: HistoryObjectsCleaner,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List history entries (free)',
    description:
      'Newest first, `?limit=` (1–100, default 20) and `?offset=`; `op` keeps one operation (a catalog name), `from` / `to` an inclusive ISO-8601 range of `created_at` (a date alone is its midnight UTC; `from` after `to` is a 400). `result` holds presigned URLs (7 days) of the entry’s files; a file it does not have is null (a LUT export has no image, an image no LUT). An offset past the end answers no items with the right total.',
  })
  @ApiOkResponse({ description: '`{ items, total, limit, offset }`', schema: { example: { items: [ITEM_EXAMPLE], total: 1, limit: 20, offset: 0 } } })
  @ApiBadRequestResponse({ description: 'VALIDATION_ERROR naming each bad field: limit, offset, op, from, to' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: HistoryListQueryDto): Promise<Page<HistoryItemView>> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from > to) throw DomainError.validation('Request validation failed', [{ field: 'to', message: 'to must not be before from' }]);
    const { items, total } = await this.history.list(principal.user.id, { op: query.op, from, to, limit: query.limit, offset: query.offset });
    return { items: await Promise.all(items.map((entry) => this.presenter.item(entry))), total, limit: query.limit, offset: query.offset };
  }

  @Get('filmstrip')
  @ApiOperation({
    summary: 'Get the recent history filmstrip (free)',
    description: 'The most recent entries that have a thumbnail (image results and graded videos; LUT exports have none), newest first: `?limit=` 1–100, default 20. Each thumbnail URL is presigned for 7 days.',
  })
  @ApiOkResponse({
    description: '`{ items: [{ history_id, op, created_at, thumbnail_url }] }`',
    schema: { example: { items: [{ history_id: ITEM_EXAMPLE.id, op: 'preset_apply', created_at: ITEM_EXAMPLE.created_at, thumbnail_url: ITEM_EXAMPLE.result.thumbnail_url }] } },
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_ERROR: limit' })
  async filmstrip(@CurrentPrincipal() principal: Principal, @Query() query: HistoryFilmstripQueryDto): Promise<{ items: FilmstripItemView[] }> {
    const thumbnails = await this.history.filmstrip(principal.user.id, query.limit);
    return { items: await Promise.all(thumbnails.map((thumbnail) => this.presenter.filmstripItem(thumbnail))) };
  }

  @Delete()
  @SANDBOX_HEADER
  @ApiOperation({ summary: 'Clear all history (free)', description: 'Deletes every one of your history entries and their files (result, thumbnail, LUT). The tasks stay (GET /tasks/{id}), but their files are gone.' })
  @ApiOkResponse({ description: '`{ deleted, not_found: [], sandbox }`', schema: { example: DELETION_EXAMPLE } })
  async clear(@CurrentPrincipal() principal: Principal, @Req() req: GradekitRequest): Promise<HistoryDeletionView> {
    const ownerId = principal.user.id;
    if (isSandboxRequest(req)) return { deleted: await this.history.existingIds(ownerId, null), not_found: [], sandbox: true };
    const deleted = await this.history.deleteAll(ownerId);
    await this.cleaner.deleteObjectsOf(ownerId, deleted);
    return { deleted: deleted.map((entry) => entry.id), not_found: [], sandbox: false };
  }

  @Post('batch-delete')
  @HttpCode(200)
  @SANDBOX_HEADER
  @ApiOperation({
    summary: 'Delete multiple history entries at once (free)',
    description:
      'All or nothing: when any id is not one of your entries (unknown, or another user’s), nothing is deleted and the answer is a 404 whose `details` name each such id (`field: "ids[i]"`). Otherwise every entry and its files are deleted. 1–100 UUIDs; a repeated id counts once.',
  })
  @ApiOkResponse({ description: '`{ deleted, not_found: [], sandbox }`', schema: { example: DELETION_EXAMPLE } })
  @ApiBadRequestResponse({ description: 'VALIDATION_ERROR: ids missing, empty, over 100, or not UUIDs' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND, nothing deleted; details: `[{ field: "ids[1]", message: "no history entry of yours", id }]`' })
  async batchDelete(@CurrentPrincipal() principal: Principal, @Body() body: HistoryBatchDeleteDto, @Req() req: GradekitRequest): Promise<HistoryDeletionView> {
    const ownerId = principal.user.id;
    if (isSandboxRequest(req)) {
      const existing = new Set(await this.history.existingIds(ownerId, body.ids));
      const unknown = [...new Set(body.ids.map((id) => id.toLowerCase()))].filter((id) => !existing.has(id));
      if (unknown.length > 0) throw unknownIds(body.ids, unknown);
      return { deleted: [...existing], not_found: [], sandbox: true };
    }
    const outcome = await this.history.deleteMany(ownerId, body.ids);
    if (!outcome.ok) throw unknownIds(body.ids, outcome.notFound);
    await this.cleaner.deleteObjectsOf(ownerId, outcome.deleted);
    return { deleted: outcome.deleted.map((entry) => entry.id), not_found: [], sandbox: false };
  }

  @Delete(':id')
  @SANDBOX_HEADER
  @ApiOperation({ summary: 'Delete a history entry (free)', description: 'Deletes the entry and its files (result, thumbnail, LUT; a batch’s other images, a video’s per-shot LUTs). The task stays.' })
  @ApiOkResponse({ description: '`{ deleted: [id], not_found: [], sandbox }`', schema: { example: DELETION_EXAMPLE } })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours (nothing deleted)' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() req: GradekitRequest): Promise<HistoryDeletionView> {
    const ownerId = principal.user.id;
    if (isSandboxRequest(req)) {
      const entry = await historyEntryOf(this.history, ownerId, id);
      return { deleted: [entry.id], not_found: [], sandbox: true };
    }
    const deleted = isHistoryId(id) ? await this.history.deleteOne(ownerId, id) : null;
    if (!deleted) throw DomainError.notFound('History entry');
    await this.cleaner.deleteObjectsOf(ownerId, [deleted]);
    return { deleted: [deleted.id], not_found: [], sandbox: false };
  }
}

/** The batch's 404: each unknown id with its position in the request. */
function unknownIds(asked: readonly string[], unknown: readonly string[]): DomainError {
  const missing = new Set(unknown);
  const details = asked.flatMap((id, index) => (missing.has(id.toLowerCase()) ? [{ field: `ids[${index}]`, message: 'no history entry of yours', id }] : []));
  return new DomainError('NOT_FOUND', `${unknown.length} of the history entries are not yours or do not exist; nothing was deleted`, details);
}
