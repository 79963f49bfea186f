import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, PresignRequestDto, SignedUrlRequestDto, UploadRequestDto } from '@gradekit/contracts';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../common/request-context';
import { StorageService } from './storage.service';

@ApiTags('Storage')
@Controller('api/v1/storage')
export class StorageController {
  constructor(private readonly storage: StorageService) {}

  @Post('presign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get a presigned upload URL for direct upload',
    description: 'PUT the file to `upload_url` with the returned Content-Type header before it expires, then pass `key` as an `*_key` field. Keys live under your own namespace.',
  })
  presign(@CurrentPrincipal() principal: Principal, @Body() body: PresignRequestDto) {
    return this.storage.presignUpload(principal.user.id, body.filename, body.content_type, body.folder, body.expires_in);
  }

  @Post('upload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload an image via base64 JSON (or confirm a presigned upload with data_key)', description: 'Exactly one of data or data_key. Returns the key and a download URL valid 7 days.' })
  upload(@CurrentPrincipal() principal: Principal, @Body() body: UploadRequestDto) {
    const hasData = !!body.data;
    if (hasData === !!body.data_key) {
      throw DomainError.validation('Provide exactly one of data or data_key', [
        { field: 'data', message: 'base64 file data' },
        { field: 'data_key', message: 'a key you uploaded through /storage/presign' },
      ]);
    }
    return hasData
      ? this.storage.uploadBase64(principal.user.id, body.data as string, body.folder, body.filename)
      : this.storage.signedUrl(principal.user.id, body.data_key as string, 7 * 24 * 3600, 'data_key');
  }

  @Post('url')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refresh a presigned download URL for one of your files', description: '`expires_in` defaults to 604800 s (7 days), the most S3 allows.' })
  url(@CurrentPrincipal() principal: Principal, @Body() body: SignedUrlRequestDto) {
    return this.storage.signedUrl(principal.user.id, body.key, body.expires_in);
  }

  @Delete('*key')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your files from storage' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('key') key: string | string[]): Promise<void> {
    await this.storage.delete(principal.user.id, Array.isArray(key) ? key.join('/') : key);
  }
}
