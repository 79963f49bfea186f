import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { listPresets } from '@gradekit/color';
import { parsePrompt } from './prompt-parser';
import { CONTROLS } from './prompt-words.table';
import { VOCABULARY } from './vocabulary.table';

describe('the vocabulary table', () => {
  it('has at least 40 phrases and unique entry ids', () => {
    const phrases = VOCABULARY.flatMap((e) => [...e.phrases, ...(e.opposites ?? [])]);
    expect(phrases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(VOCABULARY.map((e) => e.id)).size).toBe(VOCABULARY.length);
  });

  it('reads every phrase as its own entry, in its own direction (no phrase is shadowed by another)', () => {
    const problems: string[] = [];
    for (const entry of VOCABULARY) {
      for (const [list, sign] of [[entry.phrases, 1], [entry.opposites ?? [], -1]] as const) {
        for (const phrase of list) {
          const { terms } = parsePrompt(phrase);
          const ok = terms.length === 1 && terms[0].kind === 'vocabulary' && terms[0].entry.id === entry.id && terms[0].scale === sign;
          if (!ok) problems.push(`${entry.id}: "${phrase}" → ${JSON.stringify(terms.map((t) => (t.kind === 'vocabulary' ? [t.entry.id, t.scale] : [t.preset, t.scale])))}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads every preset name and display name as that preset after "like"', () => {
    for (const preset of listPresets()) {
      for (const name of [preset.name, preset.displayName]) {
        const { terms } = parsePrompt(`like ${name}`);
        expect([name, terms.map((t) => (t.kind === 'preset' ? t.preset : t.entry.id))]).toEqual([name, [preset.name]]);
      }
    }
  });

  it('reads the conversation controls as controls, not terms', () => {
    for (const phrase of [...CONTROLS.repeat, ...CONTROLS.weaker]) expect([phrase, parsePrompt(phrase).control.repeat]).toEqual([phrase, expect.any(Number)]);
    for (const phrase of CONTROLS.undo) expect([phrase, parsePrompt(phrase).control.undo]).toEqual([phrase, true]);
    for (const phrase of CONTROLS.reset) expect([phrase, parsePrompt(phrase).control.reset]).toEqual([phrase, true]);
  });

  it('is documented: README.md lists every entry and phrase', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const entry of VOCABULARY) {
      expect(readme).toContain(`| \`${entry.id}\` |`);
      for (const phrase of [...entry.phrases, ...(entry.opposites ?? [])]) expect([entry.id, readme.includes(`"${phrase}"`)]).toEqual([entry.id, true]);
    }
  });
});

describe('parsePrompt: modifiers and controls', () => {
  it.each<[string, number]>([
    ['warmer', 1],
    ['slightly warmer', 0.5],
    ['a little bit warmer', 0.5],
    ['a touch warmer', 0.5],
    ['much warmer', 1.5],
    ['a lot warmer', 1.5],
    ['very warm', 1.5],
    ['less warm', -1],
    ['reduce the warmth', -1],
    ['not so warm', -1],
    ['a bit less warm', -0.5],
    ['much less warm', -1.5],
    ['not less warm', 1],
    ['cooler', -1],
    ['less cool', 1],
    ['slightly less cold', 0.5],
  ])('%s → warmth ×%d', (prompt, scale) => {
    const { terms } = parsePrompt(prompt);
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({ kind: 'vocabulary', scale });
  });

  it.each<[string, number]>([
    ['a bit more', 0.5],
    ['more', 1],
    ['more of that', 1],
    ['stronger', 1.5],
    ['much more', 1.5],
    ['again', 1],
    ['less', -0.5],
    ['weaker', -0.5],
    ['tone it down', -0.5],
    ['a bit less', -0.5],
    ['much less', -1.5],
    ['too strong', -0.5],
  ])('"%s" with no subject repeats ×%d', (prompt, scale) => {
    expect(parsePrompt(prompt)).toMatchObject({ terms: [], control: { repeat: scale, undo: false, reset: false } });
  });

  it('correctors only reverse terms that name a problem', () => {
    expect(parsePrompt('fix the green cast').terms[0]).toMatchObject({ scale: 1 });
    expect(parsePrompt('correct the redness').terms[0]).toMatchObject({ scale: -1 });
    expect(parsePrompt('fix the contrast').terms[0]).toMatchObject({ scale: 1 });
  });

  it('keeps clauses apart: a modifier does not cross a comma or "and"', () => {
    const { terms } = parsePrompt('slightly warmer, more contrast and punchy');
    expect(terms.map((t) => t.scale)).toEqual([0.5, 1, 1]);
  });
});
