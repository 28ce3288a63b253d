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
  /** The comments within the window, oldest first (kept in place: no new array per comment). */
  recent: Comment[];
  /** How many of `recent` each user sent: its size is the distinct users, kept as comments come and go. */
  users: Map<string, number>;
  /** At most the earliest time in `recent`: while it is inside the window, nothing needs dropping. */
  earliestMs: number;
  /** The exact keys that point at this cluster in `byKey`, so forgetting it forgets them. */
  keys: string[];
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

/** Characters (code points, as `[...text].length` counts them) without building the array. */
function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
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

/** A user's recent comment times; `earliestMs` as in a cluster. */
interface UserTimes {
  times: number[];
  earliestMs: number;
  fired: boolean;
}

/**
 * Drops, in place, the times older than `windowMs` before `nowMs` (wherever they are: pushed times may come
 * out of order) and returns the earliest time kept. Called only when the earliest time may be outside the
 * window, so a busy room's comments mostly skip the scan.
 */
function dropOlderTimes(times: number[], nowMs: number, windowMs: number): number {
  let kept = 0;
  let earliest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < times.length; index += 1) {
    const atMs = times[index]!;
    if (nowMs - atMs > windowMs) continue;
    times[kept++] = atMs;
    earliest = Math.min(earliest, atMs);
  }
  times.length = kept;
  return earliest;
}

const NO_HITS: readonly never[] = Object.freeze([]);
/** Users whose bursts a room tracks at once. */
const MAX_USERS = 10_000;

function forgetUser<Comment extends FloodComment>(cluster: Cluster<Comment>, earlier: Comment): void {
  const left = (cluster.users.get(earlier.userId) ?? 1) - 1;
  if (left > 0) cluster.users.set(earlier.userId, left);
  else cluster.users.delete(earlier.userId);
}

/**
 * One room's sliding window of comments: near-duplicate bursts (many comments of nearly one text, from one
 * account or a swarm) and one user's bursts. Bounded: `maxClusters` texts and 10,000 users, the least recently seen forgotten first.
 * Each comment costs work bounded by the settings (its cluster's window, its user's times), not by the room's
 * traffic; a text seen before finds its cluster by its exact key without comparing bigrams.
 */
export class NearDuplicateWindow<Comment extends FloodComment> {
  private readonly settings: FloodSettings;
  /** Least recently seen first (a cluster seen is moved to the end): the first one is forgotten first. */
  private readonly clusters = new Map<number, Cluster<Comment>>();
  private readonly byKey = new Map<string, number>();
  private readonly users = new Map<string, UserTimes>();
  private nextId = 1;

  constructor(settings: FloodSettings) {
    this.settings = settings;
  }

  /** What this comment adds to a flood; most comments add nothing (a shared empty list, never written to). */
  observe(comment: Comment): readonly FloodHit<Comment>[] {
    const burst = this.userBurst(comment);
    const key = floodKey(comment.text);
    const length = characterCount(key);
    if (length < this.settings.minTextChars || CHEERING.test(key)) return burst ? [burst] : NO_HITS;
    const cluster = this.clusterFor(key, comment.atMs);
    if (comment.atMs - cluster.earliestMs > this.settings.windowMs)
      this.dropOlderComments(cluster, comment.atMs);
    cluster.recent.push(comment);
    cluster.earliestMs = Math.min(cluster.earliestMs, comment.atMs);
    cluster.users.set(comment.userId, (cluster.users.get(comment.userId) ?? 0) + 1);
    // The earliest time stays a lower bound after this: at worst one more scan later.
    if (cluster.recent.length > this.settings.swarmMessages * 2) forgetUser(cluster, cluster.recent.shift()!);
    cluster.lastMs = comment.atMs;
    const distinctUsers = cluster.users.size;
    const count = cluster.recent.length;
    const repeated =
      count >= this.settings.minMessages && count >= distinctUsers * this.settings.minRepeatsPerUser;
    const swarm = count >= this.settings.swarmMessages && length >= this.settings.swarmMinChars;
    if (!repeated && !swarm) {
      if (count <= 1) cluster.fired = false;
      return burst ? [burst] : NO_HITS;
    }
    const hit: FloodHit<Comment> = {
      rule: 'near-duplicate',
      subject: `text-${cluster.id}`,
      comments: cluster.fired ? [comment] : [...cluster.recent],
      distinctUsers,
      messagesInWindow: cluster.recent.length,
    };
    cluster.fired = true;
    return burst ? [burst, hit] : [hit];
  }

  /** In place (pushed times may come out of order, so wherever they are), with the users' counts. */
  private dropOlderComments(cluster: Cluster<Comment>, nowMs: number): void {
    const recent = cluster.recent;
    let kept = 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (let index = 0; index < recent.length; index += 1) {
      const earlier = recent[index]!;
      if (nowMs - earlier.atMs > this.settings.windowMs) {
        forgetUser(cluster, earlier);
        continue;
      }
      recent[kept++] = earlier;
      earliest = Math.min(earliest, earlier.atMs);
    }
    recent.length = kept;
    cluster.earliestMs = earliest;
  }

  private userBurst(comment: Comment): FloodHit<Comment> | undefined {
    let user = this.users.get(comment.userId);
    if (user) {
      // Moved to the end: the map runs least recently active first.
      this.users.delete(comment.userId);
    } else {
      // O(1) however busy the room: the least recently active user goes (a burst keeps its user recent).
      if (this.users.size >= MAX_USERS) this.users.delete(this.users.keys().next().value!);
      user = { times: [], earliestMs: Number.POSITIVE_INFINITY, fired: false };
    }
    this.users.set(comment.userId, user);
    if (comment.atMs - user.earliestMs > this.settings.userWindowMs)
      user.earliestMs = dropOlderTimes(user.times, comment.atMs, this.settings.userWindowMs);
    user.times.push(comment.atMs);
    user.earliestMs = Math.min(user.earliestMs, comment.atMs);
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
    if (known) return this.touch(known);
    const grams = bigramsOf(key);
    for (const cluster of this.clusters.values()) {
      if (jaccard(grams, cluster.grams) >= this.settings.similarity) {
        this.remember(key, cluster);
        return this.touch(cluster);
      }
    }
    if (this.clusters.size >= this.settings.maxClusters) this.forgetOldestCluster();
    const cluster: Cluster<Comment> = {
      id: this.nextId++,
      grams,
      recent: [],
      users: new Map(),
      earliestMs: Number.POSITIVE_INFINITY,
      keys: [],
      lastMs: atMs,
      fired: false,
    };
    this.clusters.set(cluster.id, cluster);
    this.remember(key, cluster);
    return cluster;
  }

  /** Moves the cluster to the end of the recency order. */
  private touch(cluster: Cluster<Comment>): Cluster<Comment> {
    this.clusters.delete(cluster.id);
    this.clusters.set(cluster.id, cluster);
    return cluster;
  }

  private remember(key: string, cluster: Cluster<Comment>): void {
    if (this.byKey.size >= this.settings.maxClusters * 16) {
      this.byKey.clear();
      for (const known of this.clusters.values()) known.keys.length = 0;
    }
    this.byKey.set(key, cluster.id);
    cluster.keys.push(key);
  }

  /** O(its keys): the least recently seen cluster is the first in the map. */
  private forgetOldestCluster(): void {
    const oldest = this.clusters.values().next();
    if (oldest.done) return;
    this.clusters.delete(oldest.value.id);
    for (const key of oldest.value.keys) if (this.byKey.get(key) === oldest.value.id) this.byKey.delete(key);
  }
}
