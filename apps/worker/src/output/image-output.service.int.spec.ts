import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { createImage, type RgbImage } from '@gradekit/color';
import { LocalStorageDriver } from '@gradekit/storage';
import type { TaskSnapshot } from '../operations/operation-handler';
import { ImageEncoder } from '../media/image-encoder';
import { ImageOutputService } from './image-output.service';

function flat(width: number, height: number, channels: 3 | 4, rgb: [number, number, number]): RgbImage {
  const image = createImage(width, height, channels);
  for (let i = 0; i < image.data.length; i += channels) {
    image.data.set(rgb, i);
    if (channels === 4) image.data[i + 3] = 255;
  }
  return image;
}

async function meanColour(bytes: Buffer): Promise<number[]> {
  return (await sharp(bytes).stats()).channels.slice(0, 3).map((c) => Math.round(c.mean));
}

class FailingEncoder extends ImageEncoder {
  override async encode(): Promise<never> {
    throw new Error('encoder exploded');
  }
}

describe('ImageOutputService (real storage on local disk, real sharp)', () => {
  let dir: string;
  let storage: LocalStorageDriver;
  const task: TaskSnapshot = { id: 'task-1', userId: 'user-1', op: 'match', params: {}, inputs: {}, attempt: 1 };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gk-output-'));
    storage = new LocalStorageDriver({ dataDir: dir, signingSecret: 's'.repeat(32), publicBaseUrl: 'http://127.0.0.1:1' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the thumbnail from the preview when one is given, and from the image itself when it has alpha', async () => {
    const service = new ImageOutputService(new ImageEncoder());
    const red = flat(600, 400, 3, [200, 30, 30]);
    const bluePreview = flat(300, 200, 3, [30, 30, 200]);
    const { result } = await service.store(storage, task, red, 'jpeg', 'with-preview', bluePreview);
    expect(await meanColour(await storage.get(result.key))).toEqual([200, 30, 30].map((v) => expect.closeTo(v, -0.5)));
    // The preview stands for the image in small: that is what the thumbnail shows.
    expect(await meanColour(await storage.get(result.thumbnail_key!))).toEqual([30, 30, 200].map((v) => expect.closeTo(v, -0.5)));

    const { result: withAlpha } = await service.store(storage, task, flat(600, 400, 4, [200, 30, 30]), 'png', 'alpha', bluePreview);
    expect(await meanColour(await storage.get(withAlpha.thumbnail_key!))).toEqual([200, 30, 30].map((v) => expect.closeTo(v, -0.5)));
  });

  it('leaves no thumbnail behind when the image cannot be encoded', async () => {
    const service = new ImageOutputService(new FailingEncoder());
    await expect(service.store(storage, task, flat(64, 48, 3, [10, 20, 30]), 'jpeg', 'broken', flat(32, 24, 3, [10, 20, 30]))).rejects.toThrow('encoder exploded');
    expect(await storage.head('u/user-1/thumbnails/broken.jpg')).toBeNull();
    expect(await storage.head('u/user-1/results/broken.jpg')).toBeNull();
  });
});
