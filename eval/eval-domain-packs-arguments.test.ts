import { describe, expect, it } from 'vitest';
import { parseEvalArguments } from './eval-arguments.js';

const base = ['--kb', 'kb.jsonl', '--cases', 'cases.jsonl'];

describe('livedesk eval --domain-packs', () => {
  it('loads no pack unless asked, so figures do not move', () => {
    const parsed = parseEvalArguments(base);
    expect(parsed.ok && parsed.arguments?.mode === 'cases' && parsed.arguments.domainPacks).toEqual([]);
  });

  it('takes a list in load order, or all', () => {
    const listed = parseEvalArguments([...base, '--domain-packs', 'show,general']);
    expect(listed.ok && listed.arguments?.mode === 'cases' && listed.arguments.domainPacks).toEqual([
      'show',
      'general',
    ]);
    const all = parseEvalArguments([...base, '--domain-packs', 'all']);
    expect(all.ok && all.arguments?.mode === 'cases' && all.arguments.domainPacks).toEqual([
      'general',
      'show',
      'commerce',
      'social',
    ]);
  });

  it('refuses an unknown pack by name, and the flag with --pairs', () => {
    expect(parseEvalArguments([...base, '--domain-packs', 'shwo'])).toEqual({
      ok: false,
      message: '--domain-packs: unknown domain pack "shwo"; known: general, show, commerce, social, or none',
    });
    const pairs = parseEvalArguments(['--pairs', 'p.jsonl', '--domain-packs', 'show']);
    expect(pairs.ok).toBe(false);
  });
});
