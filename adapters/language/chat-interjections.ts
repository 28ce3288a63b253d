/**
 * Words viewers of every language type in chat: "ok", "lol", "haha", "gg", "hi". They say nothing about
 * which language the viewer wants answers in, so a message made only of them keeps the conversation's.
 */
const INTERJECTIONS = new Set(
  (
    'ok okay okie k kk ya yeah yep yup yes no nope nah hi hii hey hello yo bye byebye lol lmao rofl xd xdd ' +
    'gg wp gj wow omg oh ah uh um umm hmm hm emm emmm nice cool thx ty tq plz pls sorry sry'
  ).split(' '),
);
const STRETCHED_INTERJECTIONS = [
  /^(?:h[aeio]){2,}h?$/,
  /^o+k+(?:a+y+)?$/,
  /^(?:lo)+l+$/,
  /^e*m{2,}$/,
  /^h+m{2,}$/,
];

/** Whether `word` (lower case) is a chat interjection, stretched ("hahahaha", "okkk", "emmmm") or not. */
export function isChatInterjection(word: string): boolean {
  return INTERJECTIONS.has(word) || STRETCHED_INTERJECTIONS.some((pattern) => pattern.test(word));
}
