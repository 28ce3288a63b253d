import { roleAllows, type StaffRole } from '../auth/principal.js';
import type { AgentServerFrame } from '../realtime/agent-frames.js';

/** One signed-in console socket, as the desk sees it. */
export interface AgentSession {
  readonly userId: string;
  readonly role: StaffRole;
  send(frame: AgentServerFrame): void;
  /** Starts relaying a conversation's live events (it was given to this agent). */
  follow(conversationId: string): void;
  /** Stops relaying what `follow` started; an explicit supervisor `watch` stays. */
  unfollow(conversationId: string): void;
}

/** The console sockets of this process, by user: who to tell about an assignment, a release, the queue. */
export class AgentSessions {
  private readonly byUser = new Map<string, Set<AgentSession>>();

  add(session: AgentSession): void {
    let sessions = this.byUser.get(session.userId);
    if (!sessions) {
      sessions = new Set();
      this.byUser.set(session.userId, sessions);
    }
    sessions.add(session);
  }

  /** Returns the user's sockets still open. */
  remove(session: AgentSession): number {
    const sessions = this.byUser.get(session.userId);
    if (!sessions) return 0;
    sessions.delete(session);
    if (sessions.size === 0) this.byUser.delete(session.userId);
    return sessions.size;
  }

  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** To every socket of the user. */
  toUser(userId: string, frame: AgentServerFrame): void {
    for (const session of this.byUser.get(userId) ?? []) session.send(frame);
  }

  /** To the user and to every supervisor and admin (once each). */
  toUserAndSupervisors(userId: string | undefined, frame: AgentServerFrame): void {
    for (const session of this.all()) {
      if (session.userId === userId || roleAllows(session.role, ['supervisor'])) session.send(frame);
    }
  }

  toAll(frame: AgentServerFrame): void {
    for (const session of this.all()) session.send(frame);
  }

  follow(userId: string, conversationId: string): void {
    for (const session of this.byUser.get(userId) ?? []) session.follow(conversationId);
  }

  unfollow(userId: string, conversationId: string): void {
    for (const session of this.byUser.get(userId) ?? []) session.unfollow(conversationId);
  }

  private *all(): Iterable<AgentSession> {
    for (const sessions of this.byUser.values()) yield* sessions;
  }
}
