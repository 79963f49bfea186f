import { Injectable } from '@nestjs/common';
import type { RgbImage, SkinModel } from '@gradekit/color';
import { ModelImageIO, inputSize } from '../../media/models/model-image-io';
import type { ModelManifestEntry } from '../../media/models/model-manifest';
import { ModelRuntime } from '../../media/models/model-runtime.service';
import { blazeFaceOptions, decodeGrid, toImagePixels, weightedOverlapRemoval, type BlazeFaceOptions, type FaceDetection } from './blazeface.decoder';
import { faceSkinModel } from './face-skin-samples';

export interface DetectOptions {
  /** Probability a face must exceed (default: the manifest's score_threshold). */
  minScore?: number;
  /** At most this many, best first (default: all). */
  maxFaces?: number;
  /** A face-detection model of the manifests by name (default: the first). */
  model?: string;
  signal?: AbortSignal;
}

export interface FaceDetectionResult {
  /** In the pixels of the image passed in, best first. */
  faces: FaceDetection[];
  model: string;
}

/** The skin of an image's faces for preserve_skin_tones, and how many faces were found. */
export interface FaceSkin {
  skin: SkinModel | null;
  faces: number;
}

/**
 * Face detection as a library for every worker feature (faces_detect, and /match's
 * preserve_skin_tones): the manifest's face-detection model (BlazeFace) run through the
 * shared ModelRuntime on the whole image letterboxed into the model's input, its
 * outputs decoded by the pure functions of blazeface.decoder.ts. The model sees the
 * image at its input size (256² for the built-in one), so the caller's image may be a
 * proxy: coordinates come back in the pixels of the image passed in.
 */
@Injectable()
export class FaceDetector {
  private readonly options = new Map<string, BlazeFaceOptions>();

  constructor(
    private readonly runtime: ModelRuntime,
    private readonly io: ModelImageIO,
  ) {}

  async detect(image: RgbImage, options: DetectOptions = {}): Promise<FaceDetectionResult> {
    const entry = this.runtime.model('face-detection', options.model);
    const settings = this.settingsOf(entry);
    const { tensor, frame } = await this.io.toTensor(image, entry.input);
    const outputs = await this.runtime.run(entry, { [entry.input.name]: tensor }, options.signal);
    const side = inputSize(entry.input).width;
    const minScore = options.minScore ?? settings.scoreThreshold;
    const raw = settings.grids.flatMap((grid) => {
      const scores = outputs[grid.scores];
      const boxes = outputs[grid.boxes];
      if (!scores || !boxes) throw new Error(`face-detection model "${entry.name}": outputs ${grid.scores} and ${grid.boxes} are not among its outputs`);
      return decodeGrid(grid, scores.data, boxes.data, side, minScore);
    });
    const merged = weightedOverlapRemoval(raw, settings.iouThreshold).slice(0, options.maxFaces ?? Infinity);
    return { faces: merged.map((d) => toImagePixels(d, frame, image.width, image.height)).filter((f) => f.box.width > 0 && f.box.height > 0), model: entry.name };
  }

  /** The faces of an image (a match target's proxy) and the skin model fitted on them (null when none gives one). */
  async skinOf(image: RgbImage, signal?: AbortSignal): Promise<FaceSkin> {
    const { faces } = await this.detect(image, { signal });
    const skin = faceSkinModel(image, faces);
    return { skin, faces: skin ? skin.ellipses.length : 0 };
  }

  private settingsOf(entry: ModelManifestEntry): BlazeFaceOptions {
    let settings = this.options.get(entry.name);
    if (!settings) {
      settings = blazeFaceOptions(entry.name, entry.options);
      this.options.set(entry.name, settings);
    }
    return settings;
  }
}
