/**
 * Viewers type Chinese without a Chinese keyboard: whole pinyin ("wo de qian ne") or initials ("zb",
 * "rg", "yyds"). No language identifier knows either (they answer Yoruba, Swahili, Finnish), so these
 * tell them apart from English by their shape.
 */
const SYLLABLES = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce ' +
    'cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun ' +
    'chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu ' +
    'dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge ' +
    'gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou ' +
    'hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai ' +
    'kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei ' +
    'leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me ' +
    'mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang ' +
    'niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao ' +
    'pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ' +
    'ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao ' +
    'she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ' +
    'ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen ' +
    'weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying ' +
    'yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen ' +
    'zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);
const LONGEST_SYLLABLE = 6;
/** More syllables than this in one word is an English word that happens to split ("banana"). */
const MAX_SYLLABLES_PER_WORD = 4;

/** Pinyin initials only: letters a Mandarin syllable may start with, no vowels. */
const INITIALS_ONLY = /^[bpmfdtnlgkhjqxzcsrwy]{2,5}$/;

/** English words and chat abbreviations without a vowel letter, which look like pinyin initials but are not. */
const ENGLISH_CONSONANT_WORDS = new Set(
  (
    'my by why try cry dry fly sky shy spy gym myth sync thx pls plz wtf hmm hm nvm smh tbh brb lmk ty gg bff ' +
    'dm pm vs ps tv dvd mtv sms mms hr jk ng nth wb gl hf btw tmr tmrw ppl msg'
  ).split(' '),
);

/** Whether `word` (lower case, letters only) is one to four pinyin syllables, tones as digits allowed. */
export function isPinyinSyllables(word: string): boolean {
  const letters = word.replace(/[1-5]/g, '').replace(/ü/g, 'v').replace(/'/g, '');
  if (letters === '') return false;
  // fewest[i]: fewest syllables that spell letters[0..i); Infinity when none do.
  const fewest: number[] = [0];
  for (let end = 1; end <= letters.length; end++) {
    let best = Number.POSITIVE_INFINITY;
    for (let start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start++) {
      const before = fewest[start] ?? Number.POSITIVE_INFINITY;
      if (before + 1 < best && SYLLABLES.has(letters.slice(start, end))) best = before + 1;
    }
    fewest.push(best);
  }
  return (fewest[letters.length] ?? Number.POSITIVE_INFINITY) <= MAX_SYLLABLES_PER_WORD;
}

/** "zb", "rg", "yyds", "xswl": pinyin initials, not an English abbreviation. */
export function isPinyinInitials(word: string): boolean {
  return INITIALS_ONLY.test(word) && !ENGLISH_CONSONANT_WORDS.has(word);
}
