declare module 'opencc-js' {
  export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  /** A dictionary: "from to|from to" text, or pairs. */
  export type DictLike = string | readonly (readonly [string, string])[];
  export type DictGroup = readonly DictLike[];
  export function Converter(options: { from: OpenccLocale; to: OpenccLocale }): (text: string) => string;
  /** Each argument is one conversion pass, applied in order. */
  export function ConverterFactory(
    ...dictGroups: (DictGroup | readonly DictGroup[])[]
  ): (text: string) => string;
  /** The preset dictionaries: `from` a locale to OpenCC's standard Traditional, `to` a locale from it. */
  export const Locale: {
    from: Record<'cn' | 'hk' | 'hkp' | 'tw' | 'twp' | 'jp', readonly DictGroup[]>;
    to: Record<'cn' | 'hk' | 'hkp' | 'tw' | 'twp' | 'jp', readonly DictGroup[]>;
  };
}
