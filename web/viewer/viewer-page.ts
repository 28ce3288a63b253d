import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import type { ViewerServerFrame } from '../../server/realtime/viewer-frames.js';
import { createApiClient, describeError } from '../shared/api-client.js';
import { byId, formText, show } from '../shared/dom.js';
import { queueStatusLine, type QueueFacts } from '../../server/desk/queue-wording.js';
import { ReconnectingSocket } from '../shared/reconnecting-socket.js';
import { applyPageTexts } from '../shared/ui-language.js';
import { MORE_WIDGET_LOCALES } from '../widget/widget-texts-more.js';
import {
  chooseViewerLanguage,
  renderViewerLanguageSwitch,
  VIEWER_LANGUAGE_TAGS,
  type ViewerLanguage,
} from './viewer-language.js';
import { ChatView } from './chat-view.js';
import { parseViewerServerFrame, type ViewerClientFrame } from './viewer-frames-client.js';
import { openViewerSession, ViewerSessionStore, type StoredViewer } from './viewer-session.js';
import { viewerTexts, type ViewerTexts } from './viewer-texts.js';
import { VoicePanel } from './voice-panel.js';
import { MicrophonePanel } from './microphone-panel.js';
import { microphoneTexts } from './microphone-texts.js';
import { loadVoiceSwitches } from './voice-switches.js';
import { ReportPanel } from './report-panel.js';
import { reportTexts } from './report-texts.js';
import { ViewerMedia } from './viewer-media.js';
import { mediaTextsFor } from '../shared/media-texts-more.js';
import { addDisputeTexts } from '../shared/dispute-texts.js';
import { MORE_DISPUTE_TEXTS } from '../shared/dispute-texts-more.js';

/** The locale the server gets (answers come in it): zh and en as before, the widget's tags for the rest. */
function serverLocale(language: ViewerLanguage): string {
  return language === 'zh' || language === 'en' ? language : MORE_WIDGET_LOCALES[language];
}

type ConversationStateName = 'ai' | 'pending_human' | 'human' | 'closed';

/** The live-room chat widget: one viewer, one conversation, resumed across reloads. */
class ViewerPage {
  private readonly roomId: string;
  private readonly locale: ViewerLanguage;
  private readonly displayName: string | undefined;
  private readonly texts: ViewerTexts;
  private readonly store: ViewerSessionStore;
  private readonly api = createApiClient({ token: () => undefined });
  private readonly chat: ChatView;
  private readonly voice: VoicePanel;
  /** The real microphone and spoken answers, shown when the server has speech to text. */
  private readonly microphone: MicrophonePanel;
  private readonly socket: ReconnectingSocket;
  private viewer: StoredViewer | undefined;
  private conversationId: string | undefined;
  /** The last stored event shown on this page; a rejoin asks only for what came after. */
  private lastSequence = 0;
  private messageCount = 0;
  private tokenRetries = 0;
  private isJoined = false;

  constructor(parameters: URLSearchParams) {
    this.roomId = parameters.get('room')?.trim() || 'demo-room';
    // `?lang=` still picks the language (links and tests use it); otherwise the user's remembered choice.
    this.locale = chooseViewerLanguage(`?${parameters.toString()}`);
    this.displayName = parameters.get('name')?.trim() || undefined;
    this.texts = viewerTexts(this.locale);
    this.store = new ViewerSessionStore(this.roomId);
    const media = new ViewerMedia({
      texts: mediaTextsFor(this.locale),
      composer: byId('composer', HTMLFormElement),
      input: byId('message-input', HTMLInputElement),
      list: byId('messages', HTMLOListElement),
      target: () =>
        this.viewer && this.conversationId && this.isJoined
          ? { baseUrl: location.origin, token: this.viewer.token, conversationId: this.conversationId }
          : undefined,
    });
    this.chat = new ChatView({
      media,
      list: byId('messages', HTMLOListElement),
      texts: this.texts,
      locale: VIEWER_LANGUAGE_TAGS[this.locale],
      ask: (text) => this.sendMessage(text),
      submitDispute: (formId, values) => {
        const clientMessageId = `d${Date.now().toString(36)}-${formId.slice(0, 8)}`;
        return this.send({ type: 'dispute-submit', formId, clientMessageId, values })
          ? clientMessageId
          : undefined;
      },
    });
    this.voice = new VoicePanel({ texts: this.texts, send: (frame) => this.send(frame) });
    this.microphone = new MicrophonePanel({
      texts: microphoneTexts(this.locale),
      // The recogniser's hint is the ISO 639-1 code: zh-Hant and pt-BR are zh and pt.
      language: serverLocale(this.locale).split('-')[0]!.toLowerCase(),
      before: document.querySelector<HTMLElement>('section.voice') ?? byId('voice-log', HTMLOListElement),
      send: (frame) => this.send(frame),
      sendAudio: (pcm) => this.socket.sendBinary(pcm),
      onSpeaksAnswers: (speaking) => this.voice.yieldToRealSpeech(speaking),
    });
    // Report the other party of a 1-on-1 room (issue 16 part 3).
    new ReportPanel({
      texts: reportTexts(this.locale),
      header: document.querySelector<HTMLElement>('.chat-header') ?? document.body,
      session: () =>
        this.viewer && this.conversationId
          ? { token: this.viewer.token, conversationId: this.conversationId }
          : undefined,
    });
    this.socket = new ReconnectingSocket({
      path: '/ws/viewer',
      onOpen: () => void this.join(),
      onMessage: (data) => this.receive(data),
      onBinary: (data) => this.microphone.audio(data),
      onStateChange: (state) => {
        const line = byId('connection-state', HTMLElement);
        line.dataset.state = state;
        line.textContent = this.texts.connection[state];
        if (state !== 'open') {
          this.setJoined(false);
          this.microphone.disconnected();
        }
      },
    });
  }

  start(): void {
    this.applyTexts();
    this.wireForms();
    void loadVoiceSwitches().then((switches) => this.microphone.configure(switches));
    this.socket.connect();
  }

  private applyTexts(): void {
    document.title = this.texts.pageTitle;
    applyPageTexts(this.texts);
    byId('room-name', HTMLElement).textContent = this.roomId;
    renderViewerLanguageSwitch(byId('language-switch', HTMLElement), this.locale);
  }

  private wireForms(): void {
    const composer = byId('composer', HTMLFormElement);
    const input = byId('message-input', HTMLInputElement);
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text === '') return;
      if (this.sendMessage(text)) input.value = '';
    });
    const rating = byId('rating-panel', HTMLFormElement);
    rating.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(rating);
      const score = Number(formText(data, 'score'));
      if (!Number.isInteger(score) || score < 1 || score > 5) return;
      const comment = formText(data, 'comment').trim();
      if (this.send({ type: 'rate', score, ...(comment ? { comment } : {}) })) {
        byId('rating-submit', HTMLButtonElement).disabled = true;
      }
    });
  }

  private async join(): Promise<void> {
    try {
      this.viewer ??= this.store.load();
      if (!this.viewer) {
        const session = await openViewerSession(this.api, {
          roomId: this.roomId,
          locale: serverLocale(this.locale),
          ...(this.displayName ? { displayName: this.displayName } : {}),
        });
        this.viewer = session;
        this.store.save(session);
      }
      const conversationId = this.conversationId ?? this.viewer.conversationId;
      this.send({
        type: 'join',
        token: this.viewer.token,
        locale: serverLocale(this.locale),
        ...(this.displayName ? { displayName: this.displayName } : {}),
        ...(conversationId ? { conversationId, lastSequence: this.lastSequence } : {}),
      });
    } catch (error) {
      this.chat.notice(`${this.texts.errorPrefix}: ${describeError(error)}`, 'error');
    }
  }

  private sendMessage(text: string): boolean {
    if (!this.isJoined) return false;
    this.messageCount += 1;
    const clientMessageId = `m${Date.now().toString(36)}-${this.messageCount}`;
    if (!this.send({ type: 'message', text, clientMessageId })) return false;
    this.chat.addPending(clientMessageId, text);
    return true;
  }

  private send(frame: ViewerClientFrame): boolean {
    return this.socket.send(frame);
  }

  private receive(data: string): void {
    const frame = parseViewerServerFrame(data);
    if (frame) this.handle(frame);
  }

  private handle(frame: ViewerServerFrame): void {
    switch (frame.type) {
      case 'joined':
        this.joined(frame.conversationId, frame.state);
        return;
      case 'event':
        if (frame.sequence !== undefined) {
          if (frame.sequence <= this.lastSequence) return;
          this.lastSequence = frame.sequence;
        }
        this.event(frame.event);
        return;
      case 'ack':
        this.chat.acknowledge(frame.clientMessageId);
        return;
      case 'error':
        this.error(frame.code, frame.message, frame.clientMessageId);
        return;
      case 'pong':
        return;
      default:
        this.microphone.frame(frame);
        return;
    }
  }

  /** Messages can be sent only on a joined socket. */
  private setJoined(joined: boolean): void {
    this.isJoined = joined;
    byId('send-button', HTMLButtonElement).disabled = !joined;
    byId('composer', HTMLFormElement).dataset.joined = String(joined);
  }

  private joined(conversationId: string, state: ConversationStateName): void {
    this.tokenRetries = 0;
    this.setJoined(true);
    if (conversationId !== this.conversationId) {
      // Another conversation than the one on screen (a new one after a close, or a fresh page).
      if (this.conversationId !== undefined) this.chat.clear();
      this.conversationId = conversationId;
      if (this.viewer) this.store.save({ ...this.viewer, conversationId });
    }
    this.showState(state);
  }

  private event(event: ViewerEvent): void {
    this.chat.render(event);
    this.microphone.event(event);
    const speech = this.voice.speech;
    switch (event.type) {
      case 'text-delta':
        speech.addText(event.turnId, event.text, event.uninterruptible);
        return;
      case 'turn-end':
        speech.endTurn(event.turnId, event.reason);
        return;
      case 'speech-stop':
        speech.pause(event.turnId);
        return;
      case 'speech-resume':
        speech.resume(event.turnId);
        return;
      case 'state-change':
        this.showState(event.to);
        return;
      case 'queue-status':
        this.showQueue(event);
        return;
      case 'satisfaction-request':
        byId('rating-submit', HTMLButtonElement).disabled = false;
        show(byId('rating-panel', HTMLFormElement), true);
        return;
      case 'satisfaction':
        show(byId('rating-panel', HTMLFormElement), false);
        return;
      default:
        return;
    }
  }

  private showState(state: ConversationStateName): void {
    const pill = byId('conversation-state', HTMLElement);
    pill.dataset.state = state;
    pill.textContent = this.texts.states[state];
    if (state !== 'pending_human') show(byId('queue-banner', HTMLElement), false);
  }

  /** The banner, worded by the same function as the server's welcome line, from the same facts. */
  private showQueue(facts: QueueFacts): void {
    const banner = byId('queue-banner', HTMLElement);
    banner.dataset.position = String(facts.position);
    banner.dataset.agentsOnline = String(facts.agentsOnline);
    banner.textContent = queueStatusLine(facts, this.locale);
    show(banner, true);
  }

  private error(code: string, message: string, clientMessageId: string | undefined): void {
    if (!this.isJoined && (code === 'unauthenticated' || code === 'forbidden') && this.tokenRetries < 2) {
      this.tokenRetries += 1;
      // A refused token means a new session, and a new viewer cannot resume the old one's conversation;
      // a refused conversation (closed for good, or not this viewer's) means starting a new one.
      if (code === 'unauthenticated') {
        this.store.forget();
        this.viewer = undefined;
      } else if (this.viewer) {
        this.viewer = { ...this.viewer, conversationId: undefined };
        this.store.save(this.viewer);
      }
      this.conversationId = undefined;
      this.lastSequence = 0;
      this.chat.clear();
      void this.join();
      return;
    }
    if (clientMessageId === undefined && this.microphone.error(code, message)) return;
    if (this.chat.refuseDispute(clientMessageId, message)) return;
    if (code === 'rate_limited' || code === 'invalid_frame') this.chat.refuse(clientMessageId);
    this.chat.notice(`${this.texts.errorPrefix}: ${message}`, 'error');
  }
}

// The dispute forms in all ten languages here (the widget carries zh/en only).
addDisputeTexts(MORE_DISPUTE_TEXTS);
new ViewerPage(new URLSearchParams(location.search)).start();
