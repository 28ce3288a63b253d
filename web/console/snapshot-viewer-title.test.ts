import { describe, expect, it } from 'vitest';
import { consoleTexts } from './console-texts.js';
import { snapshotViewerTitle } from './snapshot-viewer-title.js';

const en = consoleTexts('en');
const zh = consoleTexts('zh');

describe('queue list titles', () => {
  const waiting = { conversationId: 'c-1', viewerId: 'viewer-77ab', viewerName: 'Livedesk Support' };

  it('marks a name the viewer chose, in each language', () => {
    expect(snapshotViewerTitle({ ...waiting, viewerSelfNamed: true }, en)).toBe(
      'Livedesk Support (self-named)',
    );
    expect(snapshotViewerTitle({ ...waiting, viewerSelfNamed: true }, zh)).toBe('Livedesk Support（自称）');
  });

  it('shows a name from the token as it is', () => {
    expect(snapshotViewerTitle({ ...waiting, viewerSelfNamed: false }, en)).toBe('Livedesk Support');
    // An older desk that does not say: no mark.
    expect(snapshotViewerTitle(waiting, zh)).toBe('Livedesk Support');
  });

  it('falls back to a short label, with no mark, when the desk knows no name', () => {
    const unnamed = { conversationId: 'c-1', viewerId: 'viewer-77ab', viewerName: 'viewer-77ab' };
    expect(snapshotViewerTitle({ ...unnamed, viewerSelfNamed: true }, en)).toBe('Viewer 77ab');
    expect(snapshotViewerTitle({ conversationId: 'conv-9f3c' }, zh)).toBe('用户 9f3c');
  });

  it('marks a conversation someone else holds, known only by name', () => {
    const held = { conversationId: 'c-2', viewerName: 'Mia', viewerSelfNamed: true };
    expect(snapshotViewerTitle(held, en)).toBe('Mia (self-named)');
  });
});
