import { describe, expect, it } from 'vitest';
import { compareDecisions } from './decision-figures.js';

describe('the server’s decision with a model beside the lists alone', () => {
  it('scores each signal over the messages labelled for it only', () => {
    const request = (label: boolean | undefined, model: boolean, lists: boolean) => ({
      labels: new Map(label === undefined ? [] : [['human_request', label]]),
      withModel: new Set(model ? ['human_request'] : []),
      listsAlone: new Set(lists ? ['human_request'] : []),
    });
    const figures = compareDecisions(
      [
        request(true, true, true),
        request(true, true, false),
        request(false, true, false),
        request(false, false, false),
        // Says nothing about requests: left out.
        request(undefined, true, true),
      ],
      ['human_request'],
    );
    expect(figures.human_request).toEqual({
      examples: 4,
      positives: 2,
      model: { precision: 2 / 3, recall: 1, f1: 0.8 },
      lists: { precision: 1, recall: 0.5, f1: 2 / 3 },
    });
  });
});
