import type { CueLexiconInput } from './cue-lexicon.js';

/** Leaving for good: uninstalling, closing the account, cancelling. Not a question about how to. */
// prettier-ignore
export const CHURN_LEXICON: CueLexiconInput = {
  phrases: [
    '卸载了', '已经卸载', '我要卸载', '马上卸载', '果断卸载', '直接卸载', '卸了', '删了这个app', '注销账号', '我要注销', '销户',
    '再也不用了', '再也不来了', '以后不来了', '不玩了', '退坑', '弃坑', '换平台', '去别的平台', '取消会员', '退会员',
    'uninstalling', 'uninstalled', 'deleting this app', 'deleted the app', 'delete my account', 'close my account',
    'cancel my subscription', 'cancelling my subscription', 'canceling my subscription', 'never using this again',
    'never again', "i'm done with this", 'im done with this', "i'm done.", 'switching to another app',
    'switching to a different app', 'going to a competitor',
    'not coming back', 'goodbye forever', 'quitting this app', 'last top up ever', 'moving to a different app',
    'moving to another app',
    '已经删了', '拜拜了您', '走人', '取关了', '我也要走了', '不续费了', '不续了', '再也不充',
    'cancel everything', 'done with you', 'done with this app', 'switching to twitch', 'switching to youtube',
    'switching to tiktok', 'switching to kick', 'moving to twitch', 'moving to tiktok',
  ],
  patterns: [
    '(?:我|老子|本人)(?:就|要|得|必须)?(?:卸载|注销|销号|弃坑|退坑)',
    "\\b(?:i'?m|i am)\\s+(?:so\\s+)?done\\b(?!\\s+(?:with\\s+)?(?:the|my)\\s+(?:payment|order|top\\s*up|verification))",
    "\\b(?:i'?m|i am)\\s+out\\W*$",
    '(?:app|软件|应用|客户端)(?:也|都|已经)?(?:删了|卸了|卸载了)',
    '(?:到期|用完)(?:就|了就|以后就)?(?:走人|不续|不用了|删了)',
    '(?:搬|换|转|跑)(?:去|到)(?:了)?(?:别的|其他|其它|隔壁)(?:直播)?(?:平台|app|软件)',
    "\\bnot\\s+spending\\s+(?:another|one\\s+more|a\\s+single)\\s+(?:cent|dime|penny|dollar|coin)\\b",
    '\\bcancel\\s+(?:it\\s+all|all\\s+of\\s+it)\\b',
    '再也不(?:会|想)?(?:在你们这|在这|给你们)?(?:充|花|用|来|买)',
    "\\byou(?:'ve|\\s+have|\\s+just)?\\s+lost\\s+(?:a|another)\\s+(?:customer|user|viewer)\\b",
  ],
  ignore: ['怎么卸载', '卸载重装', '重新安装', 'how do i uninstall', 'reinstall', 'uninstall and reinstall'],
  ignorePatterns: ['(?:怎么|如何|能不能|可以)(?:注销|卸载|取消)', '\\bhow\\s+(?:do|can)\\s+i\\s+(?:delete|close|cancel|uninstall)'],
};
