/** How a room's floods are told from its ordinary chatter. */
export interface FloodSettings {
  /** Comments count towards a flood this long. */
  windowMs: number;
  /**
   * Near-duplicates of one text within the window that make a flood when the same accounts repeat it (on
   * average at least `minRepeatsPerUser` each): a crowd that each says "来了来了" once is a live room, not spam.
   */
  minMessages: number;
  minRepeatsPerUser: number;
  /** A swarm of accounts each posting one long text (at least `swarmMinChars`) floods at this many. */
  swarmMessages: number;
  swarmMinChars: number;
  /** Shorter texts (after folding: "666", "哈哈哈") are cheering, not spam, and never cluster. */
  minTextChars: number;
  /** Character-bigram Jaccard similarity (0..1) at which two comments are one text. */
  similarity: number;
  /** Texts remembered per room; the least recently seen is forgotten first. */
  maxClusters: number;
  /** Comments from one user within `userWindowMs` that make a flood on their own. */
  userMessages: number;
  userWindowMs: number;
}

export const DEFAULT_FLOOD_SETTINGS: FloodSettings = {
  windowMs: 20_000,
  minMessages: 8,
  minRepeatsPerUser: 2,
  swarmMessages: 24,
  swarmMinChars: 10,
  minTextChars: 4,
  similarity: 0.6,
  maxClusters: 64,
  userMessages: 8,
  userWindowMs: 10_000,
};

export interface FloodComment {
  userId: string;
  atMs: number;
  text: string;
}

export interface FloodHit<Comment extends FloodComment> {
  rule: 'near-duplicate' | 'user-burst';
  /** Which flood: the cluster's id or the user. */
  subject: string;
  /** The comments that made it (on the first hit, the burst so far; after that, the new comment). */
  comments: Comment[];
  distinctUsers: number;
  messagesInWindow: number;
}

interface Cluster<Comment> {
  id: number;
  grams: Set<string>;
  recent: Comment[];
  lastMs: number;
  fired: boolean;
}

const NOT_CONTENT = /[^\p{L}\p{N}]+/gu;
// Cheering and laughter, however long: never spam on their own.
const CHEERING = /^(?:[6６]+|[1１]+|[哈呵嘿h]+|[wｗ]+|草+|啊+|[?？!！]+|[好棒]+|[ok]+|gg+|lol+|[2３3]+3+)$/u;

/** Letters and digits only, runs of one character cut to two: "主播好美美美美!!!" → "主播好美美". */
export function floodKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(NOT_CONTENT, '')
    .replace(/(.)\1{2,}/gu, '$1$1');
}

function bigramsOf(key: string): Set<string> {
  const characters = [...key];
  const grams = new Set<string>();
  for (let index = 0; index + 1 < characters.length; index += 1)
    grams.add(`${characters[index]}${characters[index + 1]}`);
  return grams;
}

function jaccard(first: ReadonlySet<string>, second: ReadonlySet<string>): number {
  if (first.size === 0 || second.size === 0) return 0;
  let shared = 0;
  const [small, large] = first.size <= second.size ? [first, second] : [second, first];
  for (const gram of small) if (large.has(gram)) shared += 1;
  return shared / (first.size + second.size - shared);
}

/**
 * One room's sliding window of comments: near-duplicate bursts (many comments of nearly one text, from one
 * account or a swarm) and one user's bursts. Bounded: `maxClusters` texts, and users are forgotten once quiet.
 */
export class NearDuplicateWindow<Comment extends FloodComment> {
  private readonly settings: FloodSettings;
  private readonly clusters = new Map<number, Cluster<Comment>>();
  private readonly byKey = new Map<string, number>();
  private readonly users = new Map<string, { times: number[]; fired: boolean }>();
  private nextId = 1;

  constructor(settings: FloodSettings) {
    this.settings = settings;
  }

  observe(comment: Comment): FloodHit<Comment>[] {
    const hits: FloodHit<Comment>[] = [];
    const burst = this.userBurst(comment);
    if (burst) hits.push(burst);
    const key = floodKey(comment.text);
    if ([...key].length < this.settings.minTextChars || CHEERING.test(key)) return hits;
    const cluster = this.clusterFor(key, comment.atMs);
    cluster.recent = cluster.recent.filter(
      (earlier) => comment.atMs - earlier.atMs <= this.settings.windowMs,
    );
    cluster.recent.push(comment);
    if (cluster.recent.length > this.settings.swarmMessages * 2) cluster.recent.shift();
    cluster.lastMs = comment.atMs;
    const distinctUsers = new Set(cluster.recent.map((earlier) => earlier.userId)).size;
    const count = cluster.recent.length;
    const repeated =
      count >= this.settings.minMessages && count >= distinctUsers * this.settings.minRepeatsPerUser;
    const swarm = count >= this.settings.swarmMessages && [...key].length >= this.settings.swarmMinChars;
    if (repeated || swarm) {
      hits.push({
        rule: 'near-duplicate',
        subject: `text-${cluster.id}`,
        comments: cluster.fired ? [comment] : [...cluster.recent],
        distinctUsers,
        messagesInWindow: cluster.recent.length,
      });
      cluster.fired = true;
    } else if (count <= 1) cluster.fired = false;
    return hits;
  }

  private userBurst(comment: Comment): FloodHit<Comment> | undefined {
    let user = this.users.get(comment.userId);
    if (!user) {
      if (this.users.size >= 10_000) this.forgetQuietUsers(comment.atMs);
      user = { times: [], fired: false };
      this.users.set(comment.userId, user);
    }
    user.times = user.times.filter((atMs) => comment.atMs - atMs <= this.settings.userWindowMs);
    user.times.push(comment.atMs);
    if (user.times.length > this.settings.userMessages * 4) user.times.shift();
    if (user.times.length < this.settings.userMessages) {
      if (user.times.length <= 1) user.fired = false;
      return undefined;
    }
    user.fired = true;
    return {
      rule: 'user-burst',
      subject: `user-${comment.userId}`,
      comments: [comment],
      distinctUsers: 1,
      messagesInWindow: user.times.length,
    };
  }

  private clusterFor(key: string, atMs: number): Cluster<Comment> {
    const exact = this.byKey.get(key);
    const known = exact === undefined ? undefined : this.clusters.get(exact);
    if (known) return known;
    const grams = bigramsOf(key);
    for (const cluster of this.clusters.values()) {
      if (jaccard(grams, cluster.grams) >= this.settings.similarity) {
        this.remember(key, cluster.id);
        return cluster;
      }
    }
    if (this.clusters.size >= this.settings.maxClusters) this.forgetOldestCluster();
    const cluster: Cluster<Comment> = { id: this.nextId++, grams, recent: [], lastMs: atMs, fired: false };
    this.clusters.set(cluster.id, cluster);
    this.remember(key, cluster.id);
    return cluster;
  }

  private remember(key: string, clusterId: number): void {
    if (this.byKey.size >= this.settings.maxClusters * 16) this.byKey.clear();
    this.byKey.set(key, clusterId);
  }

  private forgetOldestCluster(): void {
    let oldest: Cluster<Comment> | undefined;
    for (const cluster of this.clusters.values())
      if (!oldest || cluster.lastMs < oldest.lastMs) oldest = cluster;
    if (!oldest) return;
    this.clusters.delete(oldest.id);
    for (const [key, id] of this.byKey) if (id === oldest.id) this.byKey.delete(key);
  }

  private forgetQuietUsers(nowMs: number): void {
    for (const [userId, user] of this.users)
      if (nowMs - (user.times.at(-1) ?? 0) > this.settings.userWindowMs) this.users.delete(userId);
  }
}
