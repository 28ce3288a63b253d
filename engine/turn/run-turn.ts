import { isTemplateAnswer, templateFallback } from '../../knowledge/answer-template.js';
import { answerFor, isTraditionalChinese, type Entry, type Locale } from '../../knowledge/entry.js';
import { isAbortError, throwIfAborted } from '../../knowledge/errors.js';
import type { MatchCandidate, MatchDecision } from '../../knowledge/matching/match-decision.js';
import { buildHandoffPacket } from '../handoff/build-handoff-packet.js';
import { repliesInLanguage } from '../language/replies-in-language.js';
import { inViewerScript } from '../language/traditional-chinese.js';
import { TraditionalStream } from '../language/traditional-stream.js';
import type { TraditionalChineseConverter } from '../ports.js';
import { mayImprovise } from '../policy/escalation-policy.js';
import type { SignalReport } from '../policy/signal-report.js';
import { decideTurn } from './decide-turn.js';
import { HeldSegmentParser } from './held-segments.js';
import type { TurnContext, TurnDependencies } from './turn-context.js';
import type { TopicOption, TurnEvent } from './turn-events.js';
import { askQuestion } from './ask-question.js';

/** Entries within this confidence of the best are given to the composer as grounding too. */
const GROUNDING_MIN_CONFIDENCE = 0.2;

function topics(
  candidates: readonly MatchCandidate[],
  options: { locale: Locale; count: number; converter: TraditionalChineseConverter | undefined },
): TopicOption[] {
  return candidates.slice(0, options.count).map((candidate) => {
    const view = answerFor(candidate.entry, options.locale);
    const question = view.questions[0] ?? candidate.entryId;
    return {
      entryId: candidate.entryId,
      question: inViewerScript({
        text: question,
        viewerLanguage: options.locale,
        converter: options.converter,
        writtenIn: view.locale,
      }),
    };
  });
}

function* segmentsOf(text: string): Generator<TurnEvent> {
  const parser = new HeldSegmentParser();
  for (const segment of [...parser.push(text), ...parser.flush()]) yield { type: 'text-delta', ...segment };
}

/**
 * One viewer turn: match, read the signals, decide, then answer, clarify, decline or hand over. Every
 * path ends with words for the viewer or a handoff, never silence. Aborting `signal` stops it at once.
 */
export async function* runTurn(
  context: TurnContext,
  dependencies: TurnDependencies,
  signal: AbortSignal,
): AsyncGenerator<TurnEvent> {
  // The judge runs beside the matcher, not after it: the turn waits for it at most its time box.
  const judging = dependencies.judge?.start(dependencies.maskPii(context.question), {
    signal,
    language: context.locale,
  });
  const match = await askQuestion(dependencies.knowledge, context.question, {
    context: { roomId: context.liveContext.roomId, streamerId: context.liveContext.streamerId },
    signal,
  });
  const verdict = await judging;
  // A barge-in while the judge was still out ends the turn here, as it would have during the match.
  throwIfAborted(signal);
  const locale = context.locale ?? match.query.language;
  const replies = repliesInLanguage({
    replies: dependencies.replies,
    language: locale,
    converter: dependencies.traditionalChinese,
  });
  const readElsewhere = await signalsReadElsewhere(context, dependencies, signal);
  const decide = () =>
    decideTurn(
      {
        match,
        question: context.question,
        history: context.earlierViewerMessages,
        profile: context.profile,
        unansweredTurns: context.unansweredTurns,
        previousAngerScores: context.angerByTurn,
        verdict,
      },
      readElsewhere ? { ...dependencies, detectSignals: () => readElsewhere } : dependencies,
    );
  const { signals, decision } =
    dependencies.pace && !readElsewhere ? await dependencies.pace(decide, signal) : decide();
  const outcome = (answered: boolean, entryIds: string[]): TurnEvent => ({
    type: 'turn-outcome',
    answered,
    entryIds,
    confidence: match.confidence,
    anger: signals.anger.score,
  });

  switch (decision.action) {
    case 'answer': {
      const improvise = decision.answerMode === 'composer' && mayImprovise(signals, dependencies.policy);
      const entryIds = yield* answer(match, locale, context, dependencies, signal, improvise);
      yield outcome(true, entryIds);
      return;
    }
    // The options travel once, as choices in the event: clients show them as buttons (or read them out).
    case 'clarify': {
      const options = topics(match.candidates, {
        locale,
        count: 3,
        converter: dependencies.traditionalChinese,
      });
      yield* segmentsOf(replies.clarifyIntro);
      yield { type: 'clarify', options };
      yield outcome(false, []);
      return;
    }
    case 'decline': {
      const closestTopics = topics(match.candidates, {
        locale,
        count: 3,
        converter: dependencies.traditionalChinese,
      });
      yield* segmentsOf(`${replies.decline}\n${replies.howToReachPerson}`);
      yield { type: 'decline', closestTopics };
      yield outcome(false, []);
      return;
    }
    // No answer beside a handoff: the viewer asked for (or needs) a person, and the desk's welcome,
    // with their place and wait, is the one line they get (a safety matter gets a caring word first).
    case 'escalate': {
      // Someone may be in danger: no answer from the knowledge base, a caring word and where to get help now.
      if (decision.safeReply) yield* segmentsOf(`${replies.safetyCare}\n${replies.safetyHotline}`);
      const packet = await buildHandoffPacket({
        context,
        decision,
        signals: angerTrail(context, signals),
        locale,
        match,
        dependencies,
        signal,
      });
      yield { type: 'handoff', packet };
      yield outcome(false, []);
      return;
    }
  }
}

function angerTrail(
  context: TurnContext,
  signals: SignalReport,
): { angerByTurn: number[]; trend: SignalReport['anger']['trend'] } {
  return { angerByTurn: [...context.angerByTurn, signals.anger.score], trend: signals.anger.trend };
}

/**
 * The answer to a confident match: the composer's grounded words when allowed, else the entry as written.
 * A composer that fails before saying anything is replaced by the entry; one that fails midway is
 * followed by the entry, so the viewer never ends up with half an answer.
 */
async function* answer(
  match: MatchDecision,
  locale: Locale,
  context: TurnContext,
  dependencies: TurnDependencies,
  signal: AbortSignal,
  improvise: boolean,
): AsyncGenerator<TurnEvent, string[]> {
  const best = match.best ?? match.candidates[0]!;
  const view = answerFor(best.entry, locale);
  const converter = dependencies.traditionalChinese;
  const written = await writtenAnswer(view.answer, context, dependencies, signal);
  // In the viewer's language when the entry has it; else the composer translates, or it goes as written.
  const entryAnswer = inViewerScript({
    text: written,
    viewerLanguage: locale,
    converter,
    writtenIn: view.locale,
  });
  const composer = dependencies.composer;
  if (!improvise || !composer) {
    yield* segmentsOf(entryAnswer);
    yield { type: 'answer-source', entryIds: [best.entryId], composer: 'entry' };
    return [best.entryId];
  }
  const grounding = match.candidates.filter(
    (candidate) => candidate === best || candidate.confidence >= GROUNDING_MIN_CONFIDENCE,
  );
  const parser = new HeldSegmentParser();
  // A safety net: the prompt asks for Traditional already, but models grounded on Simplified entries slip.
  const script =
    converter && isTraditionalChinese(locale)
      ? new TraditionalStream((text) => converter.toTraditional(text))
      : undefined;
  let delivered = '';
  let citations: string[] = [];
  try {
    const stream = composer.compose(
      {
        question: dependencies.maskPii(context.question),
        locale,
        entries: grounding.map((candidate) => ({
          entry:
            candidate === best
              ? withAnswer(best.entry, view.locale, written)
              : withoutTemplate(candidate.entry),
          confidence: candidate.confidence,
        })),
        history: context.historyBeforeQuestion.slice(-10).map((line) => ({
          role: line.speaker === 'viewer' ? 'viewer' : line.speaker === 'agent' ? 'agent' : 'assistant',
          text: dependencies.maskPii(line.text),
        })),
        liveContext: context.liveContext,
        ...(context.images && context.images.length > 0 ? { images: context.images } : {}),
        tools: dependencies.composerTools?.({
          conversationId: context.conversationId,
          profile: context.profile,
          liveContext: context.liveContext,
        }),
      },
      { signal },
    );
    for await (const event of stream) {
      if (event.type === 'text-delta') {
        for (const segment of parser.push(script ? script.push(event.text) : event.text)) {
          delivered += segment.text;
          yield { type: 'text-delta', ...segment };
        }
      } else if (event.type === 'citations') {
        citations = event.entryIds;
      } else if (event.type === 'error') {
        throw event.error;
      }
    }
    for (const segment of [...parser.push(script?.flush() ?? ''), ...parser.flush()])
      yield { type: 'text-delta', ...segment };
  } catch (error) {
    if (signal.aborted || isAbortError(error)) throw error;
    const replies = repliesInLanguage({ replies: dependencies.replies, language: locale, converter });
    yield* segmentsOf(delivered.trim() === '' ? entryAnswer : `\n${replies.composerFailed}\n${entryAnswer}`);
    yield { type: 'answer-source', entryIds: [best.entryId], composer: 'entry' };
    return [best.entryId];
  }
  const entryIds = citations.length > 0 ? citations : [best.entryId];
  yield { type: 'answer-source', entryIds, composer: 'llm' };
  return entryIds;
}

/**
 * The entry's answer as the viewer gets it: a template (`{{order.id}}`) filled by its tools, or its
 * fallback lines when they cannot run; any other answer as written.
 */
async function writtenAnswer(
  answer: string,
  context: TurnContext,
  dependencies: TurnDependencies,
  signal: AbortSignal,
): Promise<string> {
  if (!isTemplateAnswer(answer)) return answer;
  const filled = dependencies.fillAnswer
    ? await dependencies.fillAnswer(
        answer,
        {
          conversationId: context.conversationId,
          profile: context.profile,
          liveContext: context.liveContext,
        },
        signal,
      )
    : templateFallback(answer);
  throwIfAborted(signal);
  if (filled.trim() !== '') return filled;
  // A template with no fallback lines: the viewer still gets words, and a way to a person.
  const replies = repliesInLanguage({
    replies: dependencies.replies,
    language: context.locale ?? 'zh',
    converter: dependencies.traditionalChinese,
  });
  return replies.howToReachPerson;
}

/** The entry as the composer is grounded on it: the filled answer in the language it was read in. */
function withAnswer(entry: Entry, locale: Locale, answer: string): Entry {
  return { ...entry, locale, answer, translations: {} };
}

/** Other grounding entries never show the composer an unfilled template, only their fallback lines. */
function withoutTemplate(entry: Entry): Entry {
  if (
    !isTemplateAnswer(entry.answer) &&
    !Object.values(entry.translations).some((t) => isTemplateAnswer(t.answer))
  )
    return entry;
  return {
    ...entry,
    answer: templateFallback(entry.answer) || entry.questions[0]!,
    translations: Object.fromEntries(
      Object.entries(entry.translations).map(([language, content]) => [
        language,
        { ...content, answer: templateFallback(content.answer) || content.questions[0]! },
      ]),
    ),
  };
}

/** The turn's signals read by `readSignals` (off this thread), or undefined to read them here. */
async function signalsReadElsewhere(
  context: TurnContext,
  dependencies: TurnDependencies,
  signal: AbortSignal,
): Promise<SignalReport | undefined> {
  if (!dependencies.readSignals) return undefined;
  try {
    return await dependencies.readSignals(
      {
        text: context.question,
        history: context.earlierViewerMessages,
        profile: context.profile,
        previousAngerScores: context.angerByTurn,
      },
      signal,
    );
  } catch {
    // An interrupted turn ends here; anything else (a thread that failed) is read here instead.
    throwIfAborted(signal);
    return undefined;
  }
}
