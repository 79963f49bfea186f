import sharp from 'sharp';
import { rankReferences, referenceProfile } from '@gradekit/color';
import { loadPhoto } from '../common/photos';

/** A fixture photo under a von Kries-like cast (linear gains), re-decoded as the library would store it. */
async function withCast(name: Parameters<typeof loadPhoto>[0], gains: [number, number, number]) {
  const photo = await loadPhoto(name, 512);
  const { data, info } = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .gamma(2.2, 1)
    .linear(gains, [0, 0, 0])
    .gamma(1, 2.2)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3 as const, data: new Uint8Array(data) };
}

describe('reference ranking on real photos', () => {
  it('ranks the same scene first, milder grades before stronger ones, and unrelated photos after', async () => {
    const shot = referenceProfile(await loadPhoto('motorcycle_left', 512));
    const refs = await Promise.all(
      (
        [
          ['coffee', loadPhoto('coffee', 512)],
          ['hubble', loadPhoto('hubble_deep_field', 512)],
          ['left, strong warm grade', withCast('motorcycle_left', [1.5, 1, 0.6])],
          ['right view', loadPhoto('motorcycle_right', 512)],
          ['left, mild warm grade', withCast('motorcycle_left', [1.12, 1, 0.9])],
          ['retina', loadPhoto('retina', 512)],
        ] as const
      ).map(async ([item, image]) => ({ item, profile: referenceProfile(await image) })),
    );
    const order: string[] = rankReferences(refs, 'similarity', shot).map((r) => r.item);
    expect(order.slice(0, 2).sort()).toEqual(['left, mild warm grade', 'right view']);
    expect(order.indexOf('left, mild warm grade')).toBeLessThan(order.indexOf('left, strong warm grade'));
    for (const unrelated of ['coffee', 'hubble', 'retina']) expect(order.indexOf('right view')).toBeLessThan(order.indexOf(unrelated));
    expect(order.indexOf('right view')).toBeLessThan(order.indexOf('left, strong warm grade'));
  });
});
