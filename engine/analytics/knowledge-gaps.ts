import { throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions, Embedder, VectorIndex } from '../../knowledge/ports.js';

/** Why the AI had no confident answer for a question. */
export type GapSignal = 'decline' | 'clarify' | 'low_confidence';

/** One viewer question the knowledge base did not answer with confidence. */
export interface GapQuestion {
  conversationId: string;
  turnId: string;
  at: string;
  question: string;
  signal: GapSignal;
}

/** One exact wording and every time it was asked: what a store can count without sending each question. */
export interface GapWording {
  question: string;
  count: number;
  /** Conversations it was asked in. */
  conversations: number;
  signals: Record<GapSignal, number>;
  firstAt: string;
  lastAt: string;
}

/** Counts gap questions by exact wording (the store does this in SQL; this is the same in memory). */
export function countWordings(questions: readonly GapQuestion[]): GapWording[] {
  const byText = new Map<string, GapWording & { conversationIds: Set<string> }>();
  for (const question of questions) {
    let wording = byText.get(question.question);
    if (!wording) {
      wording = {
        question: question.question,
        count: 0,
        conversations: 0,
        conversationIds: new Set(),
        signals: { decline: 0, clarify: 0, low_confidence: 0 },
        firstAt: question.at,
        lastAt: question.at,
      };
      byText.set(question.question, wording);
    }
    wording.count++;
    wording.conversationIds.add(question.conversationId);
    wording.signals[question.signal]++;
    if (question.at < wording.firstAt) wording.firstAt = question.at;
    if (question.at > wording.lastAt) wording.lastAt = question.at;
  }
  return [...byText.values()].map(({ conversationIds, ...wording }) => ({
    ...wording,
    conversations: conversationIds.size,
  }));
}

export interface GapExample {
  question: string;
  count: number;
}

/** A group of near-identical questions: one missing (or badly phrased) knowledge entry. */
export interface GapCluster {
  /** The most asked wording, which every other member is close to. */
  label: string;
  /** Questions asked (with repeats). */
  count: number;
  /**
   * Conversations, counted per wording: a conversation that asked two wordings of one gap counts twice
   * (an exact count would need every conversation id of every wording).
   */
  conversations: number;
  signals: Record<GapSignal, number>;
  /** The most asked wordings, most asked first. */
  examples: GapExample[];
  /** Distinct wordings, most asked first: the phrasings a new entry would start from. */
  questions: string[];
  firstAt: string;
  lastAt: string;
}

export interface GapClusteringOptions extends CallOptions {
  embedder: Pick<Embedder, 'dimensions' | 'maxBatchSize' | 'embed'>;
  createIndex: (dimensions: number) => VectorIndex;
  /** Cosine similarity from which a question joins a cluster (bench/analytics/gap-threshold.ts chose it). */
  minSimilarity: number;
  /** Distinct wordings embedded, most asked first; rarer ones are left out of the clusters. */
  maxDistinct?: number;
  examplesPerCluster?: number;
  questionsPerCluster?: number;
}

export interface GapReport {
  questions: number;
  distinct: number;
  /** Distinct wordings beyond `maxDistinct`, not clustered. */
  leftOut: number;
  clusters: GapCluster[];
}

/**
 * For the builtin embedder: the cosine from which two questions are one gap. Chosen with
 * bench/analytics/gap-threshold.ts on held-out pairs of questions: at 0.25, pairs it joins are the same
 * question 97% of the time on banking77 and 99.4% on clinc150 (77.5% on the deliberately look-alike
 * bq-corpus pairs), and it joins 38-47% of the same-question pairs. A dense embedder has its own scale
 * and needs its own value (docs/analytics.md).
 */
export const DEFAULT_GAP_MIN_SIMILARITY = 0.25;

/** Spelling that never changes meaning: width, case, punctuation, symbols, spacing. */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/** Wordings that differ only in spelling (questionKey), counted together. */
interface Wording {
  text: string;
  key: string;
  count: number;
  members: GapWording[];
}

function isZero(vector: Float32Array): boolean {
  for (const value of vector) if (value !== 0) return false;
  return true;
}

/**
 * Groups gap wordings with the matcher's own representation: identical spellings first, then a greedy
 * leader clustering over the distinct wordings, most asked first. A wording joins the cluster whose
 * leader (its most asked wording) is nearest, if the cosine reaches `minSimilarity`; otherwise it leads
 * a new cluster. Leaders only, so one chain of small steps cannot drift a cluster into another topic.
 */
export async function clusterGapQuestions(
  wordings: readonly GapWording[],
  options: GapClusteringOptions,
): Promise<GapReport> {
  const byKey = new Map<string, Wording>();
  // Most asked first, so the most asked spelling of each wording names it.
  const ordered = [...wordings].sort(
    (first, second) => second.count - first.count || (first.question < second.question ? -1 : 1),
  );
  for (const asked of ordered) {
    const key = questionKey(asked.question);
    if (key === '') continue;
    let wording = byKey.get(key);
    if (!wording) byKey.set(key, (wording = { text: asked.question.trim(), key, count: 0, members: [] }));
    wording.count += asked.count;
    wording.members.push(asked);
  }
  const ranked = [...byKey.values()].sort(
    (first, second) => second.count - first.count || (first.key < second.key ? -1 : 1),
  );
  const maxDistinct = options.maxDistinct ?? 20_000;
  const kept = ranked.slice(0, maxDistinct);
  const { embedder } = options;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < kept.length; start += embedder.maxBatchSize) {
    throwIfAborted(options.signal);
    const batch = kept.slice(start, start + embedder.maxBatchSize).map((wording) => wording.text);
    vectors.push(...(await embedder.embed(batch, options.signal ? { signal: options.signal } : {})));
  }
  const leaders = options.createIndex(embedder.dimensions);
  const clusters: Wording[][] = [];
  kept.forEach((wording, index) => {
    const vector = vectors[index]!;
    if (!isZero(vector)) {
      const [nearest] = leaders.search(vector, 1);
      if (nearest && nearest.similarity >= options.minSimilarity) {
        clusters[nearest.label]!.push(wording);
        return;
      }
      leaders.upsert(clusters.length, vector);
    }
    clusters.push([wording]);
  });
  const examplesPerCluster = options.examplesPerCluster ?? 5;
  const questionsPerCluster = options.questionsPerCluster ?? 20;
  return {
    questions: wordings.reduce((total, wording) => total + wording.count, 0),
    distinct: ranked.length,
    leftOut: ranked.length - kept.length,
    clusters: clusters
      .map((wordings) => describeCluster(wordings, examplesPerCluster, questionsPerCluster))
      .sort((first, second) => second.count - first.count || (first.label < second.label ? -1 : 1)),
  };
}

function describeCluster(wordings: Wording[], examples: number, questions: number): GapCluster {
  const members = wordings.flatMap((wording) => wording.members);
  const signals: Record<GapSignal, number> = { decline: 0, clarify: 0, low_confidence: 0 };
  let firstAt = members[0]!.firstAt;
  let lastAt = members[0]!.lastAt;
  let conversations = 0;
  for (const member of members) {
    signals.decline += member.signals.decline;
    signals.clarify += member.signals.clarify;
    signals.low_confidence += member.signals.low_confidence;
    conversations += member.conversations;
    if (member.firstAt < firstAt) firstAt = member.firstAt;
    if (member.lastAt > lastAt) lastAt = member.lastAt;
  }
  return {
    label: wordings[0]!.text,
    count: wordings.reduce((total, wording) => total + wording.count, 0),
    conversations,
    signals,
    examples: wordings
      .slice(0, examples)
      .map((wording) => ({ question: wording.text, count: wording.count })),
    questions: wordings.slice(0, questions).map((wording) => wording.text),
    firstAt,
    lastAt,
  };
}
