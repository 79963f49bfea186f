import { neutralGradeValues } from '@gradekit/color';
import type { ImageStats } from './assistant.model';
import { buildRemoteMessages, parseRemoteAnswer, remoteRequestBody } from './remote-assistant.protocol';

const STATS: ImageStats = {
  exposureEv: -1.2,
  medianLuminance: 100,
  rmsContrast: 0.2,
  clippedHighlightsPercent: 0.4,
  clippedShadowsPercent: 0,
  whitePointCctKelvin: 5200,
  whitePointDuv: 0.001,
  whitePointConfidence: 0.9,
  colorfulness: 40,
};

const completion = (content: unknown) => JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] });

describe('remote assistant protocol', () => {
  it('sends a system prompt with every control, its range, the statistics and the current values, then the conversation', () => {
    const messages = buildRemoteMessages({
      prompt: 'a bit more',
      stats: STATS,
      current: { ...neutralGradeValues(), temperature: 20 },
      history: [
        { role: 'user', content: 'warmer' },
        { role: 'assistant', content: 'done' },
      ],
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const system = messages[0].content;
    for (const text of ['exposure (-5..5 EV', 'temperature (-100..100 mired', 'split_toning.{highlight_hue,shadow_hue} (0..360', 'gain.{master,red,green,blue} (0..4', 'tone_curve', '"white_point_cct_kelvin":5200', '"temperature":20']) {
      expect(system).toContain(text);
    }
    expect(messages[3]).toEqual({ role: 'user', content: 'a bit more' });
    expect(JSON.parse(remoteRequestBody('m1', messages))).toMatchObject({ model: 'm1', temperature: 0, response_format: { type: 'json_object' } });
  });

  it('merges valid values over the base and describes the change', () => {
    const base = { ...neutralGradeValues(), temperature: 20 };
    const answer = parseRemoteAnswer(completion('{"values": {"contrast": 25, "split_toning": {"shadow_hue": 190, "shadow_saturation": 30}}, "reply": "Added contrast and teal shadows."}'), base, ' punchier ');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.values).toMatchObject({ temperature: 20, contrast: 25, splitToning: { shadowHue: 190, shadowSaturation: 30 } });
    expect(answer.reply).toBe('Added contrast and teal shadows.');
    expect(answer.changes).toEqual([
      {
        term: 'punchier',
        effect: 'Added contrast and teal shadows. (contrast 0 → 25, split_toning.shadow_hue 0 → 190, split_toning.shadow_saturation 0 → 30)',
        fields: ['contrast', 'split_toning.shadow_hue', 'split_toning.shadow_saturation'],
      },
    ]);
  });

  it('tolerates a fenced answer, bare values and camelCase keys', () => {
    const fenced = parseRemoteAnswer(completion('Sure!\n```json\n{"splitToning": {"highlightHue": 40, "highlightSaturation": 20}}\n```'), neutralGradeValues(), 'x');
    expect(fenced.ok && fenced.values.splitToning).toMatchObject({ highlightHue: 40, highlightSaturation: 20 });
    expect(fenced.ok && fenced.reply).toBeNull();
  });

  it.each([
    ['not JSON at all', 'garbage', 'the response is not JSON'],
    ['no content', JSON.stringify({ choices: [] }), 'no choices[0].message.content'],
    ['content without an object', completion('I think it should be warmer.'), 'not a JSON object'],
    ['an array', completion('[1, 2]'), 'not a JSON object'],
    ['no values', completion('{"reply": "hi"}'), 'has no values'],
    ['a value out of range', completion('{"values": {"temperature": 500}}'), 'temperature: must be between -100 and 100'],
    ['an unknown control', completion('{"values": {"sparkle": 3}}'), 'sparkle: unknown field'],
    ['a wrong type', completion('{"values": {"hsl": {"red": {"hue": "lots"}}}}'), 'hsl.red.hue: must be a finite number'],
  ])('refuses %s', (_name, body, reason) => {
    const answer = parseRemoteAnswer(body, neutralGradeValues(), 'warmer');
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.reason).toContain(reason);
  });
});
