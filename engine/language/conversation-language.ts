import { isTraditionalChinese, type Locale } from '../../knowledge/entry.js';
import type { LanguageIdentifier } from '../ports.js';

/**
 * The conversation's language before the viewer has written anything: the page's UI language, which is
 * only a starting point. 'zh-TW', 'zh-HK' and the like read Traditional.
 */
export function startingLanguage(profileLocale: Locale | undefined): Locale | undefined {
  if (profileLocale === undefined) return undefined;
  return isTraditionalChinese(profileLocale) ? 'zh-Hant' : profileLocale;
}

/**
 * The language to answer in after a viewer message: the message's own, else (ok, 666, emoji: the
 * identifier says nothing) the language the conversation had. Simplified Chinese is the plain 'zh' the
 * knowledge base and replies are keyed by; Chinese that reads the same in both scripts ("好的") keeps
 * the script the conversation had.
 */
export function nextConversationLanguage(
  current: Locale | undefined,
  identified: Locale | undefined,
): Locale | undefined {
  if (identified === undefined) return current;
  if (identified === 'zh-Hans') return 'zh';
  if (identified === 'zh') return current?.split('-')[0] === 'zh' ? current : 'zh';
  return identified;
}

/**
 * A message's language shows in its first few hundred characters; reading all of a long one only costs
 * time (identification is per message, on the event loop).
 */
const IDENTIFIED_CHARACTERS = 300;

function beginningOf(message: string): string {
  return message.length <= IDENTIFIED_CHARACTERS
    ? message
    : [...message].slice(0, IDENTIFIED_CHARACTERS).join('');
}

/**
 * The language a conversation answers in, following the viewer message by message. Nothing is stored for
 * it: a restored conversation replays its viewer messages (identification is deterministic and cheap).
 */
export class ConversationLanguage {
  private value: Locale | undefined;
  private readonly identifier: LanguageIdentifier | undefined;

  constructor(options: {
    identifier: LanguageIdentifier | undefined;
    profileLocale: Locale | undefined;
    /** What the viewer wrote so far, oldest first (a restored conversation). */
    viewerMessages?: readonly string[] | undefined;
  }) {
    this.identifier = options.identifier;
    this.value = startingLanguage(options.profileLocale);
    for (const message of options.viewerMessages ?? []) this.heard(message);
  }

  /** Undefined until the profile or a message says. */
  get current(): Locale | undefined {
    return this.value;
  }

  heard(message: string): void {
    if (this.identifier)
      this.value = nextConversationLanguage(
        this.value,
        this.identifier.identify(beginningOf(message)).language,
      );
  }
}
