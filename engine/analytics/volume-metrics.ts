import type { ConversationTimeline } from './conversation-timeline.js';
import { deskEpisodes } from './desk-episodes.js';
import { createLocalClock } from './local-clock.js';

export interface VolumeCount {
  conversations: number;
  /** Stays on the desk that began then: the load on people. */
  handoffs: number;
}

export interface VolumeMetrics {
  timeZone: string;
  /** Index = local hour 0-23. */
  byHour: VolumeCount[];
  /** Index 0 = Monday … 6 = Sunday. */
  byWeekday: VolumeCount[];
  /** [weekday 0-6][hour 0-23]: the heat map for scheduling agents. */
  byWeekdayAndHour: VolumeCount[][];
}

const empty = (): VolumeCount => ({ conversations: 0, handoffs: 0 });

/** Conversations started and handoffs by local hour of day and day of week. */
export function volumeMetrics(timelines: readonly ConversationTimeline[], timeZone: string): VolumeMetrics {
  const localTime = createLocalClock(timeZone);
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, empty));
  const cell = (at: string): VolumeCount => {
    const { hour, weekday } = localTime(Date.parse(at));
    return grid[weekday - 1]![hour]!;
  };
  for (const timeline of timelines) {
    cell(timeline.openedAt).conversations++;
    for (const episode of deskEpisodes(timeline)) cell(episode.queuedAt).handoffs++;
  }
  const add = (total: VolumeCount, count: VolumeCount): VolumeCount => ({
    conversations: total.conversations + count.conversations,
    handoffs: total.handoffs + count.handoffs,
  });
  return {
    timeZone,
    byHour: Array.from({ length: 24 }, (_, hour) =>
      grid.reduce((total, day) => add(total, day[hour]!), empty()),
    ),
    byWeekday: grid.map((day) => day.reduce(add, empty())),
    byWeekdayAndHour: grid,
  };
}
