import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type OutputFile } from 'esbuild';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  buildWidget,
  WIDGET_ASSET,
  WIDGET_LANGUAGES_ASSET,
  WIDGET_LANGUAGES_ENTRY,
  WIDGET_VOICE_ASSET,
  WIDGET_VOICE_ENTRY,
} from './build-widget.js';
import { WEB_PAGES, type WebPage } from './web-pages.js';
import {
  VOICE_CAPTURE_WORKLET_ASSET,
  VOICE_CAPTURE_WORKLET_SOURCE,
} from '../../web/shared/voice-capture-worklet.js';

/** The browser programs are their own top-level folder; the server only bundles and serves them. */
const WEB_FOLDER = path.resolve(import.meta.dirname, '../../web');
const OUT_FOLDER = path.join(WEB_FOLDER, '.out');
/** Browsers the pages target: what a support agent or a viewer's phone runs today. */
export const BROWSER_TARGETS = ['chrome109', 'firefox115', 'safari16', 'edge109'];

export interface WebAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** A strong validator from the content, quoted as HTTP wants it. */
  etag: string;
}

export interface WebAssets {
  /** `/`, `/viewer`…: the filled-in HTML shell, or undefined for any other path. */
  page(pagePath: string): WebAsset | undefined;
  /** `viewer.js`, `console.css`…: a bundle, or undefined. */
  asset(name: string): WebAsset | undefined;
  readonly pages: readonly WebPage[];
}

export interface BuildWebAssetsOptions {
  /** Default true; false keeps bundles readable while working on the pages. */
  minify?: boolean;
  signal?: AbortSignal;
}

/**
 * Bundles every page's browser TypeScript and CSS in memory with esbuild, once per server, and fills
 * the HTML shells with content-hashed asset URLs so a new build is never served from a stale cache.
 */
export async function buildWebAssets(options: BuildWebAssetsOptions = {}): Promise<WebAssets> {
  options.signal?.throwIfAborted();
  const entryPoints = WEB_PAGES.flatMap((page) => [
    ...(page.script ? [{ in: path.join(WEB_FOLDER, page.script), out: page.name }] : []),
    { in: path.join(WEB_FOLDER, page.style), out: page.name },
  ]);
  let outputFiles: OutputFile[];
  try {
    const result = await build({
      entryPoints,
      bundle: true,
      write: false,
      minify: options.minify ?? true,
      format: 'esm',
      platform: 'browser',
      target: BROWSER_TARGETS,
      outdir: OUT_FOLDER,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    outputFiles = result.outputFiles;
  } catch (error) {
    throw new LivedeskError('internal', 'the web pages could not be bundled', { cause: error });
  }
  options.signal?.throwIfAborted();
  const assets = new Map<string, WebAsset>();
  for (const file of outputFiles) {
    const name = path.relative(OUT_FOLDER, file.path);
    assets.set(name, toAsset(new Uint8Array(file.contents), contentTypeOf(name)));
  }
  const widget = await buildWidget({
    minify: options.minify,
    target: BROWSER_TARGETS,
    signal: options.signal,
  });
  assets.set(WIDGET_ASSET, toAsset(widget, contentTypeOf(WIDGET_ASSET)));
  const languages = await buildWidget({
    minify: options.minify,
    target: BROWSER_TARGETS,
    signal: options.signal,
    entry: WIDGET_LANGUAGES_ENTRY,
  });
  assets.set(WIDGET_LANGUAGES_ASSET, toAsset(languages, contentTypeOf(WIDGET_LANGUAGES_ASSET)));
  const voice = await buildWidget({
    minify: options.minify,
    target: BROWSER_TARGETS,
    signal: options.signal,
    entry: WIDGET_VOICE_ENTRY,
  });
  assets.set(WIDGET_VOICE_ASSET, toAsset(voice, contentTypeOf(WIDGET_VOICE_ASSET)));
  // The microphone's audio worklet as a file of this origin: the pages' CSP refuses blob: scripts.
  assets.set(
    VOICE_CAPTURE_WORKLET_ASSET,
    toAsset(
      new TextEncoder().encode(VOICE_CAPTURE_WORKLET_SOURCE),
      contentTypeOf(VOICE_CAPTURE_WORKLET_ASSET),
    ),
  );
  const pages = new Map<string, WebAsset>();
  for (const page of WEB_PAGES) {
    const shell = await readFile(path.join(WEB_FOLDER, page.html), {
      encoding: 'utf8',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const html = shell.replaceAll(/\{\{asset:([\w.-]+)\}\}/g, (_match, name: string) => {
      const asset = assets.get(name);
      if (!asset) throw new LivedeskError('internal', `page ${page.name} names a missing asset ${name}`);
      return `/assets/${name}?v=${asset.etag.slice(1, 13)}`;
    });
    pages.set(page.path, toAsset(new TextEncoder().encode(html), 'text/html; charset=utf-8'));
  }
  return {
    page: (pagePath) => pages.get(pagePath),
    asset: (name) => assets.get(name),
    pages: WEB_PAGES,
  };
}

function toAsset(body: Uint8Array<ArrayBuffer>, contentType: string): WebAsset {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, contentType, etag: `"${digest}"` };
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (name.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'application/octet-stream';
}
