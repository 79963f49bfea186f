import { FeatureDemos } from './sandbox-demos';
import { sandboxDemoProblems } from './sandbox-results.service';

const image = (file: string) => ({ kind: 'image' as const, file, result: {} });

describe('sandboxDemoProblems', () => {
  it('accepts one demo per catalog op, a file shared by ops of one feature included', () => {
    const features = [new FeatureDemos('/a', { match: image('m.jpg'), match_batch: { kind: 'images', file: 'm.jpg', item: {}, count: 2 } }), new FeatureDemos('/b', { analyze: { kind: 'data', result: {} } })];
    expect(sandboxDemoProblems(['match', 'match_batch', 'analyze'], features)).toEqual([]);
  });

  it('names missing, duplicate and unknown demos and a file name two features use', () => {
    const features = [new FeatureDemos('/a', { match: image('x.jpg') }), new FeatureDemos('/b', { match: image('x.jpg'), analyze: { kind: 'data', result: {} } })];
    expect(sandboxDemoProblems(['match', 'look_apply'], features)).toEqual([
      'no sandbox demo for: look_apply',
      'more than one sandbox demo for: match',
      'sandbox demo for an op the catalog does not know: analyze',
      'demo file name used by two features: x.jpg',
    ]);
  });
});
