import path from 'node:path';
import { build } from 'esbuild';
import { LivedeskError } from '../../knowledge/errors.js';

/** The widget's browser program (a top-level folder: it runs on the platform's pages, not ours). */
export const WIDGET_ENTRY = path.resolve(import.meta.dirname, '../../web/widget/widget.ts');
/** Served at `/widget.js` (and under `/assets/`, like every bundle). */
export const WIDGET_ASSET = 'widget.js';
/** The widget's nine further languages, loaded by widget.js only when it speaks one of them. */
export const WIDGET_LANGUAGES_ENTRY = path.resolve(
  import.meta.dirname,
  '../../web/widget/widget-languages.ts',
);
/** Served at `/widget-languages.js`, beside the widget. */
export const WIDGET_LANGUAGES_ASSET = 'widget-languages.js';
/** The widget's microphone, loaded by widget.js only when the server has speech to text. */
export const WIDGET_VOICE_ENTRY = path.resolve(import.meta.dirname, '../../web/widget/widget-voice.ts');
/** Served at `/widget-voice.js`, beside the widget. */
export const WIDGET_VOICE_ASSET = 'widget-voice.js';

export interface BuildWidgetOptions {
  minify?: boolean | undefined;
  /** Browsers the bundle targets (server/web/build-web-assets.ts). */
  target: readonly string[];
  signal?: AbortSignal | undefined;
  /** Default the widget itself (WIDGET_ENTRY); WIDGET_LANGUAGES_ENTRY or WIDGET_VOICE_ENTRY for its parts. */
  entry?: string | undefined;
}

/**
 * One classic script (an IIFE), not a module: a host page adds it with a plain `<script src>`, and
 * `document.currentScript` then tells the widget where Livedesk is and how the tag configured it.
 */
export async function buildWidget(options: BuildWidgetOptions): Promise<Uint8Array<ArrayBuffer>> {
  options.signal?.throwIfAborted();
  try {
    const result = await build({
      entryPoints: [options.entry ?? WIDGET_ENTRY],
      bundle: true,
      write: false,
      minify: options.minify ?? true,
      format: 'iife',
      platform: 'browser',
      target: [...options.target],
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild wrote no widget bundle');
    return new Uint8Array(file.contents);
  } catch (error) {
    throw new LivedeskError('internal', 'the widget could not be bundled', { cause: error });
  }
}
