import { createScriptedAnswerComposer } from '../../test/support/scripted-answer-composer.js';
import type { ComposerScriptStep } from '../../test/support/scripted-answer-composer.js';
import { runAnswerComposerContract } from '../../test/support/answer-composer.contract.js';
import { createEntryAnswerComposer } from './entry-answer-composer.js';
import { createFallbackComposer } from './fallback-composer.js';

function scriptedAnswer(options: { citedId: string; slow: boolean }): ComposerScriptStep[] {
  const pause: ComposerScriptStep[] = options.slow ? [{ type: 'wait', ms: 20 }] : [];
  return [
    { type: 'text-delta', text: 'Go to ' },
    ...pause,
    { type: 'text-delta', text: 'the wallet.' },
    ...pause,
    { type: 'citations', entryIds: [options.citedId] },
    { type: 'finish', reason: 'stop' },
  ];
}

runAnswerComposerContract('the entry answer composer', () =>
  Promise.resolve({ composer: createEntryAnswerComposer(), prepareAnswer: () => undefined }),
);

runAnswerComposerContract('the scripted fake composer', () => {
  let next: ComposerScriptStep[] = [];
  const composer = createScriptedAnswerComposer(() => next);
  return Promise.resolve({
    composer,
    prepareAnswer: (options) => {
      next = scriptedAnswer(options);
    },
  });
});

runAnswerComposerContract('the fallback composer over a failing primary', () => {
  const primary = createScriptedAnswerComposer([{ type: 'throw', error: new Error('down') }]);
  return Promise.resolve({ composer: createFallbackComposer({ primary }), prepareAnswer: () => undefined });
});
