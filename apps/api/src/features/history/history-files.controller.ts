import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, isOperationName, OPERATION_CATALOG } from '@gradekit/contracts';
import { HistoryRepository } from '@gradekit/db';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../common/request-context';
import { historyEntryOf } from './history-entry.lookup';
import { HistoryPresenter, lutFilename, type HistoryFileView } from './history.presenter';

const FILE_EXAMPLE = {
  history_id: '3f0c6a8e-1b2d-4c5e-8f90-a1b2c3d4e5f6',
  key: 'u/8d1e…/results/5a7b….jpg',
  url: 'https://api.example.com/api/v1/storage/object/u/8d1e…?exp=…&sig=…',
  expires_in: 604800,
  expires_at: '2026-12-15T01:30:00.000Z',
};

/**
 * The files of one history entry as presigned URLs, valid 7 days: its image, its LUT, its
 * graded video. Free reads of your own library: `X-Sandbox` changes nothing here. Another
 * owner's entry, or an entry without that kind of file, is a 404.
 */
@ApiTags('History')
@Controller('api/v1/history')
export class HistoryFilesController {
  constructor(
    private readonly history: HistoryRepository,
    private readonly presenter: HistoryPresenter,
  ) {}

  @Get(':id/image')
  @ApiOperation({
    summary: 'Get a history image as a presigned URL (free)',
    description: 'The result image of an image operation (a batch shows its first image). Entries without an image — a LUT export, a graded video — are a 404; their files are at …/lut and …/video.',
  })
  @ApiOkResponse({ description: '`{ history_id, key, url, expires_in, expires_at }`', schema: { example: FILE_EXAMPLE } })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours, or it has no image' })
  async image(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HistoryFileView> {
    const entry = await historyEntryOf(this.history, principal.user.id, id);
    const output = isOperationName(entry.op) ? OPERATION_CATALOG[entry.op].output : null;
    if (!entry.outputKey || (output !== 'image' && output !== 'images')) {
      throw new DomainError('NOT_FOUND', 'This history entry has no image', [{ field: 'id', message: 'not an image result' }]);
    }
    return this.presenter.file(entry.id, entry.outputKey);
  }

  @Get(':id/video')
  @ApiOperation({ summary: 'Get a presigned URL for a graded video (free)', description: 'A history entry of /video/grade: its graded clip. Other entries (images) have no video: 404.' })
  @ApiOkResponse({ description: '`{ history_id, key, url, expires_in, expires_at }`', schema: { example: { ...FILE_EXAMPLE, key: 'u/8d1e…/results/5a7b….mp4' } } })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours, or it has no video' })
  async video(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HistoryFileView> {
    const entry = await historyEntryOf(this.history, principal.user.id, id);
    if (entry.op !== 'video_grade' || !entry.outputKey) throw new DomainError('NOT_FOUND', 'This history entry has no video', [{ field: 'id', message: 'not a video grade' }]);
    return this.presenter.file(entry.id, entry.outputKey);
  }

  @Get(':id/lut')
  @ApiOperation({
    summary: 'Download the LUT of a history entry (free)',
    description:
      'Entries that recorded a LUT: a /lut/export/* .cube, a /video/test frame’s .cube, and the LUT a /video/grade used — a .cube for `test` and `pro`, for `perfect` a zip of one .cube per shot with `shots.json` (each shot’s frame and time range and its file). Image results have no LUT: 404.',
  })
  @ApiOkResponse({ description: '`{ history_id, key, url, expires_in, expires_at }`; the URL downloads the file as an attachment', schema: { example: { ...FILE_EXAMPLE, key: 'u/8d1e…/luts/5a7b….cube' } } })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such entry of yours, or it has no LUT' })
  async lut(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HistoryFileView> {
    const entry = await historyEntryOf(this.history, principal.user.id, id);
    if (!entry.lutKey) throw new DomainError('NOT_FOUND', 'This history entry has no LUT', [{ field: 'id', message: 'no LUT was recorded for it' }]);
    return this.presenter.file(entry.id, entry.lutKey, lutFilename(entry.lutKey));
  }
}
