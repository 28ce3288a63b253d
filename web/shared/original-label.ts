const ORIGINAL: Readonly<Record<string, string>> = {
  zh: '原文',
  'zh-Hant': '原文',
  en: 'Original',
  ja: '原文',
  ko: '원문',
  es: 'Original',
  pt: 'Original',
  id: 'Teks asli',
  th: 'ต้นฉบับ',
  vi: 'Bản gốc',
  ar: 'النص الأصلي',
};

/** The label of the toggle that shows a translated agent reply's own words; English when unknown. */
export function originalLabel(language: string): string {
  return ORIGINAL[language] ?? 'Original';
}
