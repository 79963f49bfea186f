import { Injectable } from '@nestjs/common';
import { applyLut, colorGapBetween, colorGapProfile, matchColors, type ColorGapProfile } from '@gradekit/color';
import { DomainError, type MatchImageResult, type MatchTaskParams, type SkinTonesReport } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';
import { FullImageLut } from '../../media/full-image-lut.service';
import { ImageDecoder, type RgbProxy } from '../../media/image-decoder';
import { ANALYSIS_PROXY_SIDE } from '../../media/proxy-size';
import { ImageOutputService } from '../../output/image-output.service';
import { FaceDetector, type FaceSkin } from '../faces/face-detector.service';
import type { TaskSnapshot } from '../../operations/operation-handler';
import { GAP_OPTIONS, colorGapReport } from './color-gap.mapper';
import { toEngineMatchParams, toPublicMatchParams } from './match-params.mapper';
import { ReferenceCache } from './reference-cache';

/**
 * A match's reference, prepared once and shared by every target of a batch (and by
 * later jobs, see ReferenceCache): its proxy for the fit, and its colour-gap profile,
 * computed on first use (it is only needed while the output encodes, so it stays off
 * the path to the fit). Read-only once made.
 */
export class MatchReference {
  private gapProfile: ColorGapProfile | null = null;

  constructor(readonly proxy: RgbProxy) {}

  get gap(): ColorGapProfile {
    this.gapProfile ??= colorGapProfile(this.proxy, GAP_OPTIONS);
    return this.gapProfile;
  }
}

/** How a match is made: the `{ method, params }` part of match, match_batch and lut_export_match's params. */
export type MatchSettings = Pick<MatchTaskParams, 'method' | 'params'>;

/**
 * One match, shared by `match` and `match_batch`: fit on ≤ 512 px proxies, bake the
 * LUT, apply it to the full-resolution target in one pass, store the output, and
 * measure the colour gap to the reference before and after on the proxies.
 */
/** References kept per worker process (≈ 0.8 MB each: a 512-px proxy and its colour-gap profile). */
const REFERENCE_CACHE_ENTRIES = 16;

@Injectable()
export class MatchEngine {
  private readonly references = new ReferenceCache<MatchReference>(REFERENCE_CACHE_ENTRIES);

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly output: ImageOutputService,
    private readonly fullLut: FullImageLut,
    private readonly faces: FaceDetector,
  ) {}

  /**
   * The reference as matchOne and fit take it, reused for every target of a batch and,
   * while it stays in the cache, by the owner's later jobs with the same file.
   */
  reference(ownerId: string, bytes: Buffer): Promise<MatchReference> {
    return this.references.get(ownerId, bytes, async () => new MatchReference((await this.decoder.decodeProxy(bytes, ANALYSIS_PROXY_SIDE)).proxy));
  }

  /**
   * The fitted match (its transform baked into `lut`) of a target to a reference proxy.
   * The reference may still be decoding: the target's proxy decodes beside it. When
   * both fail, the reference's error is the one reported. With preserve_skin_tones > 0
   * the target's faces are detected on its proxy and their skin is what the modifier
   * keeps (`skinTones` says whether it was; null when the modifier is off) — here, so
   * /match and /lut/export/match bake the same LUT.
   */
  async fit(
    reference: RgbProxy | Promise<RgbProxy>,
    targetBytes: Buffer,
    settings: MatchSettings,
    lutSize?: number,
  ): Promise<{ match: ReturnType<typeof matchColors>; target: RgbProxy; skinTones: SkinTonesReport | null }> {
    const [referenceProxy, targetProxy] = await Promise.allSettled([reference, this.decoder.decodeProxy(targetBytes, ANALYSIS_PROXY_SIDE)]);
    if (referenceProxy.status === 'rejected') throw referenceProxy.reason;
    if (targetProxy.status === 'rejected') throw targetProxy.reason;
    const target = targetProxy.value.proxy;
    const params = { ...toEngineMatchParams(settings.params), ...(lutSize ? { lutSize } : {}) };
    const keepSkin = params.preserveSkinTones === true || (typeof params.preserveSkinTones === 'number' && params.preserveSkinTones > 0);
    const faceSkin: FaceSkin | null = keepSkin ? await this.faces.skinOf(target) : null;
    const skinTones = faceSkin ? { source: faceSkin.skin ? ('faces' as const) : ('generic' as const), faces: faceSkin.faces } : null;
    try {
      return { match: matchColors(target, referenceProxy.value, { method: settings.method, params, skin: faceSkin?.skin }), target, skinTones };
    } catch (error) {
      if (error instanceof RangeError) throw DomainError.validation(error.message, [{ field: 'params', message: error.message }]);
      throw error;
    }
  }

  async matchOne(
    storage: StorageDriver,
    task: TaskSnapshot,
    referenceReady: MatchReference | Promise<MatchReference>,
    targetBytes: Buffer,
    settings: MatchSettings,
    outputName = task.id,
  ): Promise<{ result: MatchImageResult; history: HistoryInput }> {
    // libvips decodes the full image in its thread pool while the fit runs on this thread.
    const decoding = this.decoder.decodeFull(targetBytes);
    decoding.catch(() => undefined); // a failed fit must not leave an unhandled rejection behind
    const referenceDecoding = Promise.resolve(referenceReady);
    const { match, target, skinTones } = await this.fit(
      referenceDecoding.then((r) => r.proxy),
      targetBytes,
      settings,
    );
    const reference = await referenceDecoding; // settled: the fit had its proxy
    // The graded proxy is the output in small: its thumbnail, and the "after" of the colour gap.
    const gradedProxy = applyLut(target, match.lut);
    const full = await decoding;
    const graded = await this.fullLut.apply(full.image, match.lut);
    // The encode (queued by store() before its first await) runs in libvips' threads
    // while this thread measures the colour gap.
    const storing = this.output.store(storage, task, graded, full.source.format, outputName, gradedProxy);
    storing.catch(() => undefined);
    const gap = colorGapReport(
      colorGapBetween(colorGapProfile(target, GAP_OPTIONS), reference.gap),
      colorGapBetween(colorGapProfile(gradedProxy, GAP_OPTIONS), reference.gap),
    );
    const { result, history } = await storing;
    return { result: { ...result, method: match.method, params: toPublicMatchParams(match.params), color_gap: gap, ...(skinTones ? { skin_tones: skinTones } : {}) }, history };
  }
}
