/** Function words left out of lexical terms; they still count as character n-grams. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being am do does did ' +
    'i me my we our you your he she it its they them their this that these those there here what which who ' +
    'whom how can could would should will shall may might must have has had having not no so than too very ' +
    'just about into over then also any some please pls hi hello hey thanks thank'
  ).split(' '),
);

/** Chinese particles and fillers that carry no topic. */
export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set(
  '的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 我 你 他 她 它 我们 你们 请问 请 一下 怎么 怎么办 怎样 如何 什么 为什么 为啥 可以 能 能不能 可不可以 这个 那个 这 那 在 有 没有 还 就 都 要 想 会 和 跟 与 给 把 被 让 吗'.split(
    ' ',
  ),
);
