import { queueStatusLine } from '../../server/desk/queue-wording.js';
import {
  connect,
  LivedeskError,
  type ConversationState,
  type LivedeskClient,
  type LivedeskEvent,
  type ViewerEvent,
} from '../../sdk/src/index.js';
import { endpointUrl } from '../../sdk/src/base-url.js';
import type { WidgetOptions } from './widget-options.js';
import { identityKey, WidgetStorage } from './widget-storage.js';
import { WidgetDisputes } from './widget-disputes.js';
import { WidgetView } from './widget-view.js';
import type { WidgetMicrophone } from './widget-microphone.js';
import { loadWidgetVoice } from './load-widget-voice.js';
import { VoiceSocket } from './widget-voice-socket.js';

/** Kinds of stored event that put something new in front of the viewer. */
function isNews(event: ViewerEvent): boolean {
  return (
    event.type === 'agent-message' ||
    event.type === 'system-message' ||
    event.type === 'agent-joined' ||
    (event.type === 'media-message' && event.by === 'agent') ||
    event.type === 'satisfaction-request' ||
    (event.type === 'turn-end' && event.delivered !== '')
  );
}

/**
 * A satisfaction request waits this long before the stars show: replayed after a reload, an answered
 * request comes just before its answer, and the panel must not flash up for it.
 */
const RATING_DELAY_MS = 400;

/** The widget: the SDK's events onto the view, the viewer's input onto the SDK. */
export class WidgetApp {
  private readonly options: WidgetOptions;
  private readonly view: WidgetView;
  private readonly disputes: WidgetDisputes;
  /** The SDK's socket, tapped: the microphone's frames and audio ride on it. */
  private readonly voiceSocket = new VoiceSocket();
  /** Loaded and shown when the server has speech to text (web/widget/widget-voice.ts). */
  private microphone: WidgetMicrophone | undefined;
  private connected = false;
  private readonly storage: WidgetStorage;
  private readonly identity: string;
  private readonly abort = new AbortController();
  private client: LivedeskClient | undefined;
  private conversation: ConversationState = 'ai';
  private humanButton = false;
  private seen = 0;
  private unread = 0;
  private counter = 0;
  private assistantTyping = false;
  private agentTyping = false;
  private ratingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: WidgetOptions) {
    this.options = options;
    this.storage = new WidgetStorage(options.baseUrl, options.room);
    this.identity = identityKey(options.identity);
    this.view = new WidgetView(options, {
      toggle: (open) => this.setOpen(open),
      ask: (text) => this.ask(text),
      askForPerson: () => this.ask(this.options.texts.personRequest),
      rate: (score, comment) => this.rate(score, comment),
      mediaTarget: () => {
        const client = this.client;
        const conversationId = client?.conversationId;
        return client && conversationId && client.state === 'open'
          ? { baseUrl: this.options.baseUrl, token: client.session.token, conversationId }
          : undefined;
      },
    });
    this.disputes = new WidgetDisputes({
      language: options.language,
      locale: options.locale,
      texts: options.texts.disputes,
      append: (item) => this.view.appendItem(item),
      client: () => this.client,
    });
  }

  start(): void {
    // After <body>, not in it: a transform or filter on the page's body would otherwise pin the
    // widget's fixed panel to the body instead of the screen.
    document.documentElement.append(this.view.host);
    if (this.options.open) this.setOpen(true);
    void this.loadConfig();
    void this.run();
  }

  setOpen(open: boolean): void {
    this.view.setOpen(open);
    if (open) {
      this.unread = 0;
      this.view.setUnread(0);
      this.markSeen();
    }
  }

  destroy(): void {
    clearTimeout(this.ratingTimer);
    this.abort.abort();
    this.microphone?.close();
    this.client?.close();
    this.view.remove();
  }

  private async loadConfig(): Promise<void> {
    try {
      const response = await fetch(endpointUrl(this.options.baseUrl, '/api/widget/config'), {
        signal: this.abort.signal,
      });
      const config = (await response.json()) as { humanButton?: unknown; voice?: unknown };
      this.humanButton = response.ok && config.humanButton === true;
      const voice = response.ok
        ? (config.voice as { input?: unknown; output?: unknown } | undefined)
        : undefined;
      const input = voice?.input === true;
      if (input) void this.startMicrophone(voice?.output === true);
    } catch {
      this.humanButton = false;
    }
    this.showPersonButton();
  }

  /** The server has speech to text: the microphone's script loads, and its button joins the composer. */
  private async startMicrophone(output: boolean): Promise<void> {
    const voice = await loadWidgetVoice(this.options.baseUrl);
    if (!voice || this.abort.signal.aborted || this.microphone) return;
    const microphone = voice.createMicrophone({
      texts: this.options.texts.microphone,
      locale: this.options.locale,
      baseUrl: this.options.baseUrl,
      socket: this.voiceSocket,
    });
    this.microphone = microphone;
    this.view.addMicrophone({ button: microphone.button, bar: microphone.bar, css: voice.css });
    microphone.configure({ input: true, output });
    microphone.setConnected(this.connected);
  }

  /** Joins, retrying with back-off until it can; once joined the SDK reconnects by itself. */
  private async run(): Promise<void> {
    const kept = this.storage.load(this.identity);
    this.seen = kept?.seen ?? 0;
    let delayMs = 500;
    while (!this.abort.signal.aborted) {
      try {
        this.client = await connect({
          baseUrl: this.options.baseUrl,
          roomId: this.options.room,
          identity: this.options.identity,
          locale: this.options.locale,
          session: kept?.session,
          // The microphone's frames and audio go over this same socket.
          WebSocket: this.voiceSocket.webSocketClass(),
          signal: this.abort.signal,
        });
        break;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.view.setConnection('reconnecting');
        console.warn('Livedesk widget: cannot join yet', error);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 15_000);
      }
    }
    const client = this.client;
    if (!client) return;
    if (client.identityError)
      console.warn('Livedesk widget: identity refused;', client.identityError.message);
    for await (const event of client.events()) this.handle(event);
  }

  private handle(event: LivedeskEvent): void {
    switch (event.type) {
      case 'connection':
        this.view.setConnection(event.state);
        this.view.setCanSend(event.state === 'open');
        this.setConnected(event.state === 'open');
        return;
      case 'joined':
        this.conversation = event.state;
        this.view.setConnection('open');
        this.view.setCanSend(true);
        this.setConnected(true);
        this.showPersonButton();
        this.keep();
        return;
      case 'event':
        this.conversationEvent(event.event);
        if (event.sequence !== undefined && isNews(event.event)) this.news(event.sequence);
        if (this.view.isOpen) this.markSeen();
        return;
      case 'answer':
        this.view.answer(event.turnId, event.text);
        return;
      case 'typing':
        if (event.who === 'agent') this.agentTyping = event.active;
        else this.assistantTyping = event.active;
        this.showTyping();
        return;
      case 'ack':
        this.view.acknowledge(event.clientMessageId);
        return;
      case 'error':
        if (event.clientMessageId !== undefined) this.view.refuse(event.clientMessageId, event.error.message);
        return;
    }
  }

  private conversationEvent(event: ViewerEvent): void {
    this.microphone?.event(event);
    if (this.disputes.render(event)) return;
    switch (event.type) {
      case 'viewer-message':
        if (this.view.clipTranscript(event.clientMessageId, event.text)) return;
        this.view.viewerMessage(event.text, event.clientMessageId, event.channel);
        return;
      case 'agent-message':
        this.view.say('agent', event.text, event.original);
        return;
      case 'system-message':
        this.view.say('system', event.text);
        return;
      case 'media-message':
        this.view.mediaMessage(event);
        return;
      case 'clarify':
        this.view.topics(event.turnId, event.options, (question) => this.ask(question));
        return;
      case 'decline':
        this.view.topics(event.turnId, event.closestTopics, (question) => this.ask(question));
        return;
      case 'queue-status':
        this.view.setQueue(queueStatusLine(event, this.options.language));
        return;
      case 'state-change':
        this.conversation = event.to;
        if (event.to !== 'pending_human') this.view.setQueue(undefined);
        if (event.to === 'closed') this.view.statusLine('closed', this.options.texts.conversationClosed);
        else if (event.to === 'ai' && event.from !== 'closed')
          this.view.statusLine('back', this.options.texts.backToAssistant);
        this.showPersonButton();
        return;
      case 'agent-joined':
        this.view.statusLine('joined', this.options.texts.agentJoined(event.agentName));
        return;
      case 'satisfaction-request':
        clearTimeout(this.ratingTimer);
        this.ratingTimer = setTimeout(() => this.view.askRating(true), RATING_DELAY_MS);
        return;
      case 'satisfaction':
        // Answered (here, in another tab, or before a reload): never asked again.
        clearTimeout(this.ratingTimer);
        this.view.askRating(false);
        this.view.statusLine('rated', this.options.texts.rating.thanks(event.score));
        return;
      default:
        return;
    }
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    this.microphone?.setConnected(connected);
  }

  private showTyping(): void {
    const { texts } = this.options;
    this.view.setTyping(
      this.agentTyping ? texts.agentTyping : this.assistantTyping ? texts.typing : undefined,
    );
  }

  /** Sends the viewer's score; a survey already answered (another tab) counts as sent. */
  private async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    const client = this.client;
    if (!client) throw new LivedeskError('unavailable', this.options.texts.connection.reconnecting);
    try {
      await client.rate(score, comment === '' ? undefined : comment);
    } catch (error) {
      if (error instanceof LivedeskError && error.code === 'conflict') return;
      throw error;
    }
  }

  /** Something new arrived: unread while the panel is closed, unless it was seen before a reload. */
  private news(sequence: number): void {
    if (this.view.isOpen || sequence <= this.seen) return;
    this.unread += 1;
    this.view.setUnread(this.unread);
  }

  private markSeen(): void {
    const last = this.client?.lastSequence ?? 0;
    if (last <= this.seen) return;
    this.seen = last;
    this.keep();
  }

  private keep(): void {
    if (!this.client) return;
    this.storage.save({ session: this.client.session, seen: this.seen, identityKey: this.identity });
  }

  private showPersonButton(): void {
    this.view.setPersonButton(
      this.humanButton && (this.conversation === 'ai' || this.conversation === 'closed'),
    );
  }

  private ask(text: string): void {
    const client = this.client;
    if (!client) return;
    this.counter += 1;
    const clientMessageId = `w-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}-${this.counter}`;
    this.view.addPending(clientMessageId, text);
    client.send(text, { clientMessageId }).catch((error: unknown) => {
      this.view.refuse(clientMessageId, error instanceof Error ? error.message : String(error));
    });
  }
}
