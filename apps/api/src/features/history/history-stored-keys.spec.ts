import { storedKeysOf } from './history-stored-keys';

const OWNER = '11111111-1111-4111-8111-111111111111';
const TASK = '22222222-2222-4222-8222-222222222222';
const u = (rest: string) => `u/${OWNER}/${rest}`;

describe('storedKeysOf', () => {
  it("collects the row's keys and the task's further outputs, once each", () => {
    const keys = storedKeysOf(OWNER, {
      id: 'h',
      taskId: TASK,
      outputKey: u(`results/${TASK}.mp4`),
      thumbnailKey: u(`thumbnails/${TASK}.jpg`),
      lutKey: u(`luts/${TASK}.zip`),
      taskResult: { key: u(`results/${TASK}.mp4`), lut_keys: [u(`luts/${TASK}-shot-01.cube`), u(`luts/${TASK}-shot-02.cube`)], shots: [{ lut_key: u(`luts/${TASK}-shot-01.cube`) }] },
    });
    expect(keys.sort()).toEqual(
      [u(`results/${TASK}.mp4`), u(`thumbnails/${TASK}.jpg`), u(`luts/${TASK}.zip`), u(`luts/${TASK}-shot-01.cube`), u(`luts/${TASK}-shot-02.cube`)].sort(),
    );
  });

  it("leaves the task's inputs, other tasks' outputs, other owners' keys and look-alike names alone", () => {
    const keys = storedKeysOf(OWNER, {
      id: 'h',
      taskId: TASK,
      outputKey: u(`results/${TASK}-0.jpg`),
      thumbnailKey: null,
      lutKey: u('inputs/look.cube'),
      taskResult: {
        items: [
          { key: u(`results/${TASK}-0.jpg`), target_key: u('results/9b2e-my-upload.jpg') },
          { key: u(`results/${TASK}-1.jpg`), target_key: u('inputs/b.jpg') },
        ],
        other: u('results/33333333-3333-4333-8333-333333333333.jpg'),
        foreign: `u/44444444-4444-4444-8444-444444444444/results/${TASK}.jpg`,
        lookalike: u(`results/${TASK}x.jpg`),
        traversal: u(`results/${TASK}/../../inputs/a.jpg`),
        count: 2,
      },
    });
    expect(keys.sort()).toEqual([u(`results/${TASK}-0.jpg`), u(`results/${TASK}-1.jpg`)].sort());
  });
});
