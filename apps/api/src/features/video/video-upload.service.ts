import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, VIDEO_BASE64_MAX_BYTES, VIDEO_PLAN_LIMITS, isPlanId, type VideoProbeBody, type VideoUploadRequestDto } from '@gradekit/contracts';
import { buildObjectKey, type StorageDriver } from '@gradekit/storage';
import type { GradekitRequest, Principal } from '../../common/request-context';
import { API_CONFIG } from '../../config/api-config.provider';
import { decodeBase64Field } from '../../operations/inputs/base64-input';
import { isSandboxRequest, OperationRunner } from '../../operations/operation-runner.service';
import type { OperationResultBody } from '../../operations/operation-response';
import { RESULT_URL_TTL_SECONDS } from '../../operations/image-result.presenter';
import { assertOwnedKey } from '../../storage/owned-key';
import { STORAGE } from '../../storage/storage.provider';
import { videoLimitsFor } from './video-grade-source';

/** S3 takes at most 10 000 parts (each VIDEO_UPLOAD_PART_BYTES, 64 MiB by default). */
const MAX_PARTS = 10_000;
/** Presigned upload URLs of a video last a day: a large file on a slow line takes hours. */
const UPLOAD_URL_TTL_SECONDS = 24 * 3600;
const FOLDER = 'videos';

/** The errors after which an uploaded file is deleted again: it is not a video this account can grade. */
const REJECTING_CODES = new Set(['INVALID_VIDEO', 'VIDEO_TOO_LONG', 'VIDEO_TOO_LARGE']);

export type VideoUploadStart =
  | { key: string; method: 'PUT'; upload_url: string; headers: Record<string, string>; max_bytes: number; expires_in: number; expires_at: string }
  | { key: string; method: 'PUT'; upload_id: string; part_bytes: number; parts: { part_number: number; upload_url: string }[]; headers: Record<string, string>; max_bytes: number; expires_in: number; expires_at: string };

export interface VideoUploadBody {
  key: string;
  url?: string;
  bytes: number;
  content_type: string | null;
  probe: VideoProbeBody;
  task_id: string;
  sandbox: boolean;
}

/**
 * POST /storage/upload/video: base64 for small files, a presigned upload (one PUT for
 * local disk, S3 multipart for S3) for large ones, and — either way — a probe by the
 * worker (`video_probe`, free) before the key is handed back. A file that is not a
 * video this plan can grade is deleted again and answered with the probe's 4xx.
 */
@Injectable()
export class VideoUploadService {
  constructor(
    private readonly runner: OperationRunner,
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async handle(req: GradekitRequest, res: Response, body: VideoUploadRequestDto): Promise<VideoUploadBody | VideoUploadStart> {
    const principal = req.principal as Principal;
    const shapes = [body.data !== undefined, body.video_key !== undefined, body.data === undefined && body.video_key === undefined && body.bytes !== undefined];
    if (shapes.filter(Boolean).length !== 1) {
      throw DomainError.validation('Send one of: data (base64), or filename + content_type + bytes (start a presigned upload), or video_key (finish one)', [
        { field: 'data', message: 'a small video as base64' },
        { field: 'bytes', message: 'the size of the file you will PUT to the presigned URL(s)' },
        { field: 'video_key', message: 'the key of a finished presigned upload' },
      ]);
    }
    if (body.data !== undefined) return this.uploadBase64(req, res, principal, body);
    if (body.video_key !== undefined) return this.finish(req, res, principal, body);
    return this.start(principal, body);
  }

  private async uploadBase64(req: GradekitRequest, res: Response, principal: Principal, body: VideoUploadRequestDto): Promise<VideoUploadBody> {
    const bytes = decodeBase64Field('data', body.data as string, Math.min(VIDEO_BASE64_MAX_BYTES, this.config.limits.maxInputBytes));
    if (isSandboxRequest(req)) return this.probe(req, res, null, bytes.length);
    const key = buildObjectKey(principal.user.id, FOLDER, body.filename ?? 'upload.mp4');
    await this.storage.put(key, bytes, body.content_type);
    return this.probe(req, res, key, bytes.length);
  }

  private async start(principal: Principal, body: VideoUploadRequestDto): Promise<VideoUploadStart> {
    const maxBytes = this.planLimits(principal).maxBytes;
    const declared = body.bytes as number;
    if (declared > maxBytes) throw tooLarge(declared, maxBytes);
    const contentType = body.content_type ?? 'video/mp4';
    const key = buildObjectKey(principal.user.id, FOLDER, body.filename ?? 'upload.mp4');
    const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString();
    const common = { key, method: 'PUT' as const, headers: { 'Content-Type': contentType }, max_bytes: maxBytes, expires_in: UPLOAD_URL_TTL_SECONDS, expires_at: expiresAt };
    const partBytes = this.config.videoUploadPartBytes;
    if (!this.storage.supportsMultipart || declared <= partBytes) {
      // Local disk: the api's PUT route streams the body to disk and enforces the signed limit.
      const uploadUrl = await this.storage.presignPut(key, UPLOAD_URL_TTL_SECONDS, contentType, { maxBytes: Math.min(maxBytes, Math.max(declared, 1)) });
      return { ...common, upload_url: uploadUrl, headers: { 'Content-Type': contentType } };
    }
    const partCount = Math.ceil(declared / partBytes);
    if (partCount > MAX_PARTS) throw tooLarge(declared, partBytes * MAX_PARTS);
    const { uploadId } = await this.storage.createMultipartUpload(key, contentType);
    const parts = await Promise.all(
      Array.from({ length: partCount }, async (_, i) => ({ part_number: i + 1, upload_url: await this.storage.presignUploadPart(key, uploadId, i + 1, UPLOAD_URL_TTL_SECONDS) })),
    );
    // Parts carry no Content-Type: only the multipart upload was created with one.
    return { ...common, headers: {}, upload_id: uploadId, part_bytes: partBytes, parts };
  }

  private async finish(req: GradekitRequest, res: Response, principal: Principal, body: VideoUploadRequestDto): Promise<VideoUploadBody> {
    const key = body.video_key as string;
    assertOwnedKey(principal.user.id, key, 'video_key');
    if (isSandboxRequest(req)) return this.probe(req, res, null, 0);
    if (body.upload_id !== undefined) {
      if (!body.parts) throw DomainError.validation('parts is required with upload_id', [{ field: 'parts', message: 'the part numbers and ETags of the uploaded parts' }]);
      await this.storage.completeMultipartUpload(
        key,
        body.upload_id,
        [...body.parts].sort((a, b) => a.part_number - b.part_number).map((part) => ({ partNumber: part.part_number, etag: part.etag })),
      );
    }
    const info = await this.storage.head(key);
    if (!info) throw new DomainError('NOT_FOUND', 'video_key not found', [{ field: 'video_key', message: 'nothing was uploaded to this key (PUT the file first)' }]);
    const maxBytes = this.planLimits(principal).maxBytes;
    if (info.bytes > maxBytes) {
      // S3 cannot bound a presigned upload's size: the check is here, and the file goes.
      await this.storage.delete(key);
      throw tooLarge(info.bytes, maxBytes);
    }
    return this.probe(req, res, key, info.bytes);
  }

  /** Runs `video_probe` on the stored key; a rejected file is deleted (nothing lingers, nothing is charged: the probe is free). */
  private async probe(req: GradekitRequest, res: Response, key: string | null, bytes: number): Promise<VideoUploadBody> {
    const principal = req.principal as Principal;
    let answer;
    try {
      answer = (await this.runner.run(req, res, 'video_probe', {
        inputs: key ? [{ role: 'video', inlineField: null, keyField: 'video_key', key }] : [],
        params: { limits: videoLimitsFor(principal.user.planId) },
      })) as OperationResultBody;
    } catch (error) {
      if (key && error instanceof DomainError && REJECTING_CODES.has(error.code)) await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    if (!('result' in answer)) {
      // The probe outlasted the sync timeout: the key is stored; the task tells the verdict.
      const pending = answer as { task_id: string; status_url?: string };
      throw new DomainError('TIMEOUT', 'The video is stored but its probe is still running', [{ message: `see ${pending.status_url}`, task_id: pending.task_id }]);
    }
    res.status(200);
    const probe = answer.result as VideoProbeBody;
    const stored = key ? await this.storage.head(key) : null;
    return {
      key: key ?? (answer.result as { key?: string }).key ?? 'sandbox/demo/video.mp4',
      url: key ? await this.storage.presignGet(key, RESULT_URL_TTL_SECONDS) : undefined,
      bytes: stored?.bytes ?? bytes,
      content_type: stored?.contentType ?? 'video/mp4',
      probe,
      task_id: answer.task_id,
      sandbox: answer.sandbox,
    };
  }

  private planLimits(principal: Principal) {
    return VIDEO_PLAN_LIMITS[isPlanId(principal.user.planId) ? principal.user.planId : 'free'];
  }
}

function tooLarge(bytes: number, maxBytes: number): DomainError {
  return new DomainError('VIDEO_TOO_LARGE', `The video is ${bytes} bytes; your plan allows ${maxBytes}`, [{ field: 'bytes', message: `at most ${maxBytes} bytes`, limit: maxBytes }]);
}
