import * as path from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@gradekit/contracts';
import { Public } from '../../auth/auth.decorators';
import { SandboxResults } from './sandbox-results.service';

/** Demo files by extension (cutouts are PNG/WebP: they carry alpha). */
const DEMO_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.cube': 'text/plain; charset=utf-8',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

@ApiTags('Sandbox')
@Public()
@Controller('api/v1/sandbox/demo')
export class SandboxDemoController {
  constructor(private readonly sandbox: SandboxResults) {}

  @Get(':file')
  @ApiOperation({ summary: 'A demo image, LUT or video that sandbox responses point at (public, cacheable)' })
  demo(@Param('file') file: string, @Res() res: Response): void {
    const bytes = this.sandbox.demoFile(file);
    if (!bytes) throw DomainError.notFound('Demo image');
    res.setHeader('Content-Type', DEMO_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'image/jpeg');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(200).end(bytes);
  }
}
