declare module 'opencc-js' {
  export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  export function Converter(options: { from: OpenccLocale; to: OpenccLocale }): (text: string) => string;
}
