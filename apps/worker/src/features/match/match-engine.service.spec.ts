import type { ImageDecoder } from '../../media/image-decoder';
import type { FullImageLut } from '../../media/full-image-lut.service';
import type { ImageOutputService } from '../../output/image-output.service';
import type { FaceDetector } from '../faces/face-detector.service';
import { MatchEngine } from './match-engine.service';

describe('MatchEngine.reference', () => {
  // The decoder is the adapter boundary: a stub that counts decodes.
  const proxy = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.from([10, 20, 30, 200, 150, 100]) };
  const decodeProxy = jest.fn(async () => ({ proxy, source: { format: 'jpeg', width: 2, height: 1, hasAlpha: false, bytes: 6 } }));
  const engine = new MatchEngine({ decodeProxy } as unknown as ImageDecoder, {} as ImageOutputService, {} as FullImageLut, {} as FaceDetector);

  it("decodes a reference once for its owner's later jobs, and again for another owner", async () => {
    const first = await engine.reference('alice', Buffer.from('reference file'));
    const again = await engine.reference('alice', Buffer.from('reference file'));
    expect(again).toBe(first);
    expect(first.proxy).toBe(proxy);
    expect(decodeProxy).toHaveBeenCalledTimes(1);
    // The colour-gap profile is made once, on first use, and kept with it.
    expect(again.gap).toBe(first.gap);

    await engine.reference('bob', Buffer.from('reference file'));
    await engine.reference('alice', Buffer.from('another file'));
    expect(decodeProxy).toHaveBeenCalledTimes(3);
  });
});
