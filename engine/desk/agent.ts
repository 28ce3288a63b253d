import { z } from 'zod';

/** `away` keeps what the agent holds but gets nothing new; `offline` gives everything back. */
export const AgentPresenceSchema = z.enum(['online', 'away', 'offline']);
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

const LabelSchema = z.string().trim().min(1).max(64);
const LabelSetSchema = z.array(LabelSchema).max(64);

/** An agent as the server receives it (login, agent channel, admin API). */
export const AgentProfileSchema = z.object({
  id: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(128),
  presence: AgentPresenceSchema.default('offline'),
  /** Most conversations the agent holds at once, offered and accepted together. */
  capacity: z.number().int().min(0).max(50).default(3),
  /** Skills and teams both qualify an agent for a conversation whose packet names that team. */
  skills: LabelSetSchema.default([]),
  teams: LabelSetSchema.default([]),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;
export type AgentProfileInput = z.input<typeof AgentProfileSchema>;

/** A change an agent (or an admin) makes to a known profile; absent fields stay as they are. */
export const AgentUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    presence: AgentPresenceSchema,
    capacity: z.number().int().min(0).max(50),
    skills: LabelSetSchema,
    teams: LabelSetSchema,
  })
  .partial();
export type AgentUpdate = z.infer<typeof AgentUpdateSchema>;

/** What the desk holds about an agent: the profile plus the conversations it has reserved for them. */
export interface Agent {
  readonly id: string;
  name: string;
  presence: AgentPresence;
  capacity: number;
  skills: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  /** Offered, not yet accepted: they hold a slot, and go back to the queue if the agent leaves. */
  offeredConversationIds: Set<string>;
  /** Accepted by the agent. */
  activeConversationIds: Set<string>;
  /** Clock time of the last offer, for least-busy tie-breaking; 0 when never offered one. */
  lastOfferedAtMs: number;
  /** Offers in a row this agent let expire; any answer to an offer (accept, decline) resets it. */
  missedOffers: number;
}

export function createAgent(profile: AgentProfile): Agent {
  return {
    id: profile.id,
    name: profile.name,
    presence: profile.presence,
    capacity: profile.capacity,
    skills: new Set(profile.skills),
    teams: new Set(profile.teams),
    offeredConversationIds: new Set(),
    activeConversationIds: new Set(),
    lastOfferedAtMs: 0,
    missedOffers: 0,
  };
}

/** Applies an update in place; conversations the agent holds are the desk's business, not this one's. */
export function applyAgentUpdate(agent: Agent, update: AgentUpdate): void {
  if (update.name !== undefined) agent.name = update.name;
  if (update.presence !== undefined) agent.presence = update.presence;
  if (update.capacity !== undefined) agent.capacity = update.capacity;
  if (update.skills !== undefined) agent.skills = new Set(update.skills);
  if (update.teams !== undefined) agent.teams = new Set(update.teams);
}

/** Conversations counted against the agent's capacity. */
export function agentLoad(agent: Agent): number {
  return agent.offeredConversationIds.size + agent.activeConversationIds.size;
}

/** Slots the agent can take now: none unless online, never negative after a capacity cut. */
export function freeSlots(agent: Agent): number {
  return agent.presence === 'online' ? Math.max(0, agent.capacity - agentLoad(agent)) : 0;
}

/** Whether the agent is qualified for a conversation that needs `team` (as a team or a skill). */
export function hasTeamOrSkill(agent: Agent, team: string): boolean {
  return agent.teams.has(team) || agent.skills.has(team);
}

/** A copy safe to hand out (the console, events): plain arrays, no live sets. */
export interface AgentView {
  id: string;
  name: string;
  presence: AgentPresence;
  capacity: number;
  skills: string[];
  teams: string[];
  offeredConversationIds: string[];
  activeConversationIds: string[];
  load: number;
  freeSlots: number;
}

export function viewAgent(agent: Agent): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    presence: agent.presence,
    capacity: agent.capacity,
    skills: [...agent.skills],
    teams: [...agent.teams],
    offeredConversationIds: [...agent.offeredConversationIds],
    activeConversationIds: [...agent.activeConversationIds],
    load: agentLoad(agent),
    freeSlots: freeSlots(agent),
  };
}
