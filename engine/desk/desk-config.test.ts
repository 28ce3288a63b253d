import { describe, expect, it } from 'vitest';
import { DeskConfigSchema, routingModeSettings } from './desk-config.js';

describe('desk config', () => {
  it('defaults to priority lanes with skill matching, least busy, a 60 s long-wait threshold', () => {
    const config = DeskConfigSchema.parse({});
    expect(config).toMatchObject({
      selection: 'least-busy',
      matchSkills: true,
      priorityLanes: true,
      laneOrder: ['urgent', 'high', 'normal'],
      longWaitMs: 60_000,
      onAgentOffline: 'needs-reassignment',
      supervisorTeam: 'supervisor',
    });
    expect(config.handleTime).toEqual({ alpha: 0.3, initialMs: 180_000 });
  });

  it('keeps the handle-time defaults it was not given', () => {
    expect(DeskConfigSchema.parse({ handleTime: { alpha: 0.5 } }).handleTime).toEqual({
      alpha: 0.5,
      initialMs: 180_000,
    });
  });

  it('rejects a lane order that repeats a lane and an alpha outside (0, 1]', () => {
    expect(DeskConfigSchema.safeParse({ laneOrder: ['urgent', 'urgent', 'normal'] }).success).toBe(false);
    expect(DeskConfigSchema.safeParse({ handleTime: { alpha: 0 } }).success).toBe(false);
    expect(DeskConfigSchema.safeParse({ handleTime: { alpha: 1.5 } }).success).toBe(false);
  });

  it('maps each named routing mode to its settings', () => {
    expect(routingModeSettings('round-robin')).toEqual({
      selection: 'round-robin',
      matchSkills: false,
      priorityLanes: false,
    });
    expect(routingModeSettings('least-busy')).toEqual({
      selection: 'least-busy',
      matchSkills: false,
      priorityLanes: false,
    });
    expect(routingModeSettings('skill-based')).toEqual({
      selection: 'least-busy',
      matchSkills: true,
      priorityLanes: false,
    });
    expect(routingModeSettings('priority-lanes')).toEqual({
      selection: 'least-busy',
      matchSkills: true,
      priorityLanes: true,
    });
  });
});
