import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@gradekit/contracts';
import { Public } from '../../auth/auth.decorators';
import { SandboxResults } from './sandbox-results.service';

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
    res.setHeader('Content-Type', file.endsWith('.cube') ? 'text/plain; charset=utf-8' : file.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(200).end(bytes);
  }
}
