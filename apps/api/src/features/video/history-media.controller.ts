import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@gradekit/contracts';
import { HistoryRepository } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../common/request-context';
import { RESULT_URL_TTL_SECONDS } from '../../operations/image-result.presenter';
import { STORAGE } from '../../storage/storage.provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HistoryFileBody {
  history_id: string;
  key: string;
  url: string;
  expires_in: number;
  expires_at: string;
}

/**
 * The files of a video history entry: the graded clip and the LUT it was graded with
 * (a .cube, or for `perfect` a zip of the per-shot LUTs with their time ranges).
 * The library issue adds the rest of /history; another owner's entry is a 404.
 */
@ApiTags('History')
@Controller('api/v1/history')
export class HistoryMediaController {
  constructor(
    private readonly history: HistoryRepository,
    @Inject(STORAGE) private readonly storage: StorageDriver,
  ) {}

  @Get(':id/video')
  @ApiOperation({ summary: 'Get a presigned URL for a graded video (free)', description: 'A history entry of /video/grade: its graded clip, valid 7 days. Other entries (images) have no video: 404.' })
  @ApiOkResponse({ description: '`{ history_id, key, url, expires_in, expires_at }`' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours, or it has no video' })
  async video(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HistoryFileBody> {
    const entry = await this.entry(principal, id);
    if (entry.op !== 'video_grade' || !entry.outputKey) throw new DomainError('NOT_FOUND', 'This history entry has no video', [{ field: 'id', message: 'not a video grade' }]);
    return this.file(entry.id, entry.outputKey);
  }

  @Get(':id/lut')
  @ApiOperation({
    summary: 'Download the LUT of a video history entry (free)',
    description: 'The .cube a `test` or `pro` grade used, or for `perfect` a zip of one .cube per shot with `shots.json` (each shot’s frame and time range and its file).',
  })
  @ApiOkResponse({ description: '`{ history_id, key, url, expires_in, expires_at }`; the URL downloads the file as an attachment' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours, or it has no LUT' })
  async lut(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HistoryFileBody> {
    const entry = await this.entry(principal, id);
    if (!entry.lutKey) throw new DomainError('NOT_FOUND', 'This history entry has no LUT', [{ field: 'id', message: 'no LUT was recorded for it' }]);
    return this.file(entry.id, entry.lutKey, entry.lutKey.split('/').pop());
  }

  private async entry(principal: Principal, id: string) {
    const entry = UUID.test(id) ? await this.history.find(principal.user.id, id) : null;
    if (!entry) throw DomainError.notFound('History entry');
    return entry;
  }

  private async file(historyId: string, key: string, downloadName?: string): Promise<HistoryFileBody> {
    const url = await this.storage.presignGet(key, RESULT_URL_TTL_SECONDS, downloadName);
    return { history_id: historyId, key, url, expires_in: RESULT_URL_TTL_SECONDS, expires_at: new Date(Date.now() + RESULT_URL_TTL_SECONDS * 1000).toISOString() };
  }
}
