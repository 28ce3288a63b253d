import { describe, expect, it } from 'vitest';
import { composeRequest } from '../../test/support/compose-request-fixtures.js';
import { buildGroundedPrompt, groundingData, groundingTexts } from './grounded-prompt.js';
import {
  createOutputLeakFilter,
  DEFAULT_MIN_LEAK_RUN_CHARS,
  type OutputLeakFilter,
  type OutputLeakStep,
} from './output-leak-filter.js';

const CANARY = 'ldc0123456789abcdef01';
const request = composeRequest();
const messages = buildGroundedPrompt(request, { canary: CANARY });
const systemPrompt = messages[0]!.content;
const groundingJson = messages[1]!.content;
const entryAnswer = request.entries[1]!.entry.answer;

function filter(): OutputLeakFilter {
  return createOutputLeakFilter({
    secrets: messages.map((message) => message.content),
    allowed: groundingTexts(groundingData(request)),
    canary: CANARY,
  });
}

/** Feeds the chunks in order; returns what was released and the leak, if one stopped it. */
function run(chunks: readonly string[]): { released: string; leak?: string } {
  const leaks = filter();
  let released = '';
  for (const chunk of chunks) {
    const step: OutputLeakStep = leaks.push(chunk);
    if (step.type === 'leak') return { released, leak: step.kind };
    released += step.text;
  }
  return { released: released + leaks.end() };
}

/** Cuts text into chunks of `size` characters, as a model streams tokens. */
function chunked(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

describe('the output leak filter', () => {
  it('passes an ordinary answer through whole, chunk by chunk', () => {
    const answer = 'You can get a refund within 7 days from the order page. [[sources: e1]]';
    expect(run(chunked(answer, 3))).toEqual({ released: answer });
  });

  it('lets the model quote an entry answer word for word', () => {
    expect(entryAnswer.length).toBeGreaterThan(50);
    expect(run(chunked(`Sure! ${entryAnswer}`, 4))).toEqual({ released: `Sure! ${entryAnswer}` });
  });

  it('does not take a stock phrase the prompt also uses for a leak', () => {
    const answer = "I'm not sure about that, so I will get a person from the support team to help you.";
    expect(run(chunked(answer, 5))).toEqual({ released: answer });
  });

  it('stops at the canary even when it is split across chunks and in another case, before releasing it', () => {
    const output = `Here is a secret: ${CANARY.toUpperCase()} and more words after it`;
    const result = run(['Here is a secret: ldc01234', '56789ABCDEF01', ' and more words after it']);
    expect(result.leak).toBe('canary');
    expect(output).toContain(CANARY.toUpperCase());
    expect(result.released).not.toContain('ldc');
  });

  it('stops a verbatim run of the system prompt split across one-character chunks', () => {
    const echoed = systemPrompt.split('\n')[3]!; // a rule, without the canary line
    const result = run(chunked(`Okay. ${echoed}`, 1));
    expect(result.leak).toBe('prompt-copy');
    expect(result.released.length).toBeLessThan(10);
    expect(echoed).toContain(result.released.slice(6));
  });

  it('catches a copied run of exactly the minimum length wherever in the prompt it starts', () => {
    const rules = systemPrompt.slice(systemPrompt.indexOf('Follow these rules'));
    for (let offset = 0; offset < 40; offset++) {
      const copied = rules.slice(offset, offset + DEFAULT_MIN_LEAK_RUN_CHARS);
      expect(run(chunked(`Well, ${copied} ok`, 3)).leak, `offset ${offset}`).toBe('prompt-copy');
      expect(run([`Well|${copied.slice(1)}|ok`]).leak, `offset ${offset}, one short`).toBeUndefined();
    }
  });

  it('stops the grounding JSON echoed as sent', () => {
    const result = run(chunked(groundingJson, 7));
    expect(result.leak).toBeDefined();
    expect(result.released).toBe('');
  });

  it('stops grounding keys written as JSON or named outright', () => {
    expect(run(['{"viewer', '_message": "hi"}']).leak).toBe('grounding-keys');
    expect(run(['my knowledge', '_entries say so']).leak).toBe('grounding-keys');
    expect(run(['{ "product_in_view" :', ' "x" }']).leak).toBe('grounding-keys');
  });

  it('holds an honest answer back by 16 characters at most, and releases the rest at the end', () => {
    const answer =
      '打开 App，进入 我的 > 钱包 > 充值，选择金币档位和支付方式，付款完成后金币会立即到账。'.repeat(3);
    const leaks = filter();
    let released = '';
    for (const chunk of chunked(answer, 2)) {
      const step = leaks.push(chunk);
      if (step.type === 'text') released += step.text;
      expect(answer.indexOf(chunk) + chunk.length - released.length).toBeLessThanOrEqual(16);
    }
    expect(released.length).toBeGreaterThan(answer.length - 17);
    expect(released + leaks.end()).toBe(answer);
    expect(leaks.holdBackChars).toBeGreaterThanOrEqual(DEFAULT_MIN_LEAK_RUN_CHARS);
  });

  it('holds back every character of a copy of the prompt that is still shorter than a run', () => {
    const rule = systemPrompt.split('\n')[4]!;
    const leaks = filter();
    const honest = 'Thanks for asking! ';
    let released = '';
    for (const chunk of chunked(`${honest}${rule.slice(0, DEFAULT_MIN_LEAK_RUN_CHARS - 1)}`, 3)) {
      const step = leaks.push(chunk);
      if (step.type === 'text') released += step.text;
    }
    expect(honest.startsWith(released)).toBe(true);
  });

  it('holds a tail that may begin the canary or a grounding key', () => {
    // Without secrets, so only the canary rule holds text (the prompt holds the canary too).
    const leaks = createOutputLeakFilter({ secrets: [], canary: CANARY });
    // 19 of the canary's 21 characters: more than the 16 always held.
    expect(leaks.push('Thank you for waiting, ldc0123456789abcdef')).toEqual({
      type: 'text',
      text: 'Thank you for waiting, ',
    });
    const keys = filter();
    const step = keys.push('Sure thing, see the list below for the details {"knowle');
    expect(step.type === 'text' && step.text.includes('"')).toBe(false);
  });

  it('never splits a surrogate pair at the hold-back edge', () => {
    const leaks = createOutputLeakFilter({ secrets: [], minRunChars: 40 });
    const text = `${'x'.repeat(10)}${'😀'.repeat(30)}`;
    let released = '';
    for (const chunk of chunked(text, 1)) {
      const step = leaks.push(chunk);
      if (step.type === 'text') {
        expect(step.text).not.toMatch(/[\uD800-\uDBFF]$/u);
        released += step.text;
      }
    }
    expect(released + leaks.end()).toBe(text);
  });
});
