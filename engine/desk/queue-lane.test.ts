import { describe, expect, it } from 'vitest';
import { packet } from './desk-test-fixtures.js';
import { higherLane, laneForPacket } from './queue-lane.js';

const rules = { complaintTeams: ['complaints'] };

describe('queue lane', () => {
  it('puts urgent packets in the urgent lane', () => {
    expect(laneForPacket(packet('c1', { priority: 'urgent' }), rules)).toBe('urgent');
  });

  it('puts high priority, VIP viewers and complaints in the high lane', () => {
    expect(laneForPacket(packet('c1', { priority: 'high' }), rules)).toBe('high');
    expect(laneForPacket(packet('c2', { viewer: { viewerId: 'v', tier: 'vip', locale: 'en' } }), rules)).toBe(
      'high',
    );
    expect(laneForPacket(packet('c3', { reasons: ['anger'] }), rules)).toBe('high');
    expect(laneForPacket(packet('c4', { team: 'complaints' }), rules)).toBe('high');
  });

  it('leaves everything else in the normal lane', () => {
    expect(laneForPacket(packet('c1'), rules)).toBe('normal');
  });

  it('picks the more pressing lane under the configured order', () => {
    expect(higherLane('normal', 'high', ['urgent', 'high', 'normal'])).toBe('high');
    expect(higherLane('normal', 'high', ['normal', 'urgent', 'high'])).toBe('normal');
  });
});
