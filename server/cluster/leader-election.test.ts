import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessLeaseStore } from './in-process-lease-store.js';
import { createInProcessNodeRegistry } from './in-process-node-registry.js';
import { createLeaderElection, type LeaderElection, type LeaderRole } from './leader-election.js';

const elections: LeaderElection[] = [];
afterEach(async () => {
  for (const election of elections.splice(0)) await election.close();
});

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cluster() {
  const leases = createInProcessLeaseStore();
  const nodes = createInProcessNodeRegistry();
  const changes: { nodeId: string; role: LeaderRole }[] = [];
  const node = (nodeId: string) => {
    const election = createLeaderElection({
      nodeId,
      url: `http://${nodeId}.local`,
      leases,
      nodes,
      leaseMs: 150,
      renewEveryMs: 30,
      onChange: (role) => changes.push({ nodeId, role }),
    });
    elections.push(election);
    return election;
  };
  return { node, changes, leases, nodes };
}

const leaders = (all: LeaderElection[]) => all.filter((election) => election.current.role === 'leader');

describe('createLeaderElection', () => {
  it('makes exactly one of three nodes the leader, and the others follow it by address', async () => {
    const { node } = cluster();
    const all = [node('a'), node('b'), node('c')];
    await Promise.all(all.map((election) => election.start()));
    await until(() =>
      all.every((election) => election.current.role === 'leader' || election.current.leader?.url),
    );
    expect(leaders(all)).toHaveLength(1);
    const leader = leaders(all)[0]!;
    const leaderId = ['a', 'b', 'c'][all.indexOf(leader)];
    for (const election of all.filter((candidate) => candidate !== leader)) {
      expect(election.current).toEqual({
        role: 'follower',
        leader: { nodeId: leaderId, url: `http://${leaderId}.local` },
      });
      expect(election.token).toBeUndefined();
    }
    expect(leader.token).toBeGreaterThan(0);
  });

  it('hands the lead over at once when the leader resigns, under a larger token', async () => {
    const { node } = cluster();
    const first = node('a');
    await first.start();
    const second = node('b');
    await second.start();
    const firstToken = first.token!;
    expect(second.current.role).toBe('follower');
    await first.resign();
    expect(first.token).toBeUndefined();
    await until(() => second.current.role === 'leader');
    expect(second.token).toBeGreaterThan(firstToken);
  });

  it('lets another node take over when the leader cannot reach the database, and the old one steps down by itself', async () => {
    const { node, leases, nodes } = cluster();
    const first = createLeaderElection({
      nodeId: 'a',
      url: 'http://a.local',
      // The leader's database calls stop answering: its rounds hang, as over a dead network.
      leases: {
        ...leases,
        renewAll: (request) => (frozen ? new Promise(() => undefined) : leases.renewAll(request)),
      },
      nodes,
      leaseMs: 150,
      renewEveryMs: 30,
    });
    elections.push(first);
    let frozen = false;
    await first.start();
    const second = node('b');
    await second.start();
    const firstToken = first.token!;
    frozen = true;
    await until(() => first.current.role === 'follower' && first.token === undefined, 2_000);
    await until(() => second.current.role === 'leader', 2_000);
    expect(second.token).toBeGreaterThan(firstToken);
  });
});
