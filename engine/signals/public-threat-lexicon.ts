import type { CueLexiconInput } from './cue-lexicon.js';

/**
 * Going public or to an authority: review sites and social media, consumer bodies (12315, 消协), the
 * law, the bank (chargebacks). Each alone is reason enough for a person to look.
 */
// prettier-ignore
export const PUBLIC_THREAT_LEXICON: CueLexiconInput = {
  phrases: [
    '发帖', '让大家都知道', '让所有人都知道', '冻结这笔', '冻结支付', '银行退单', "everyone's gonna know", 'everyone will know',
    'everyone is going to know', 'reverse the charge', 'reverse the payment', 'police report', 'trading standards',
    'i will sue', "i'll sue", 'warn everyone',
    '曝光', '要曝光', '网上曝光', '发微博曝光', '发到网上', '发抖音曝光', '发小红书曝光', '黑猫投诉', '12315', '12345', '消协', '消费者协会',
    '市场监管局', '工商局', '工信部', '投诉到', '律师', '起诉', '报警', '法院', '告你们', '打官司', '法律途径', '走法律', '仲裁',
    '诉讼', '一星差评', '给差评', '打差评', '全网曝光', '媒体曝光', '找记者', '消保官', '消基会', 'ptt', 'po上', 'po到', '拒付',
    '信用卡中心', '撤销交易', '撤销这笔交易', '银行追回', '申请退单',
    'my lawyer', 'a lawyer', 'my attorney', 'sue you', 'suing you', 'lawsuit', 'legal action', 'small claims',
    'call the police', 'report you to the police', 'file a police report',
    'consumer protection', 'bbb', 'better business bureau', 'ftc', 'chargeback', 'charge back', 'dispute the charge',
    'dispute it with my bank', 'report you to', 'reporting you to', 'review site', 'review sites', 'one star review',
    '1 star review', '1-star review', 'one-star', 'trustpilot', 'app store review', 'going to the media', 'go to the press',
    'tell everyone', 'post this everywhere', 'expose you', 'exposing you', 'class action',
    'credit card company', 'ombudsman', 'attorney general',
    '避雷', '存证信函', '法律责任', '让所有人看看', '让大家看看', '让大家都知道',
    'consumer affairs', 'go viral', 'going viral', 'visa dispute', 'mastercard dispute', 'bank dispute', 'filing a dispute',
    'file a dispute', 'opening a dispute',
  ],
  patterns: [
    '(?:挂|曝)(?:到|在)?(?:网上|微博|抖音|朋友圈|小红书|知乎|贴吧)',
    '(?:去|到|向|找)(?:工信部|消协|12315|市场监管|工商|媒体|记者|法院)',
    '(?:发|挂|曝|po|晒)(?:到|在|上)?(?:小红书|b站|抖音|微博|知乎|贴吧|朋友圈|快手|ptt|dcard|脸书|ig|推特|网上)',
    '(?:银行|信用卡)[^。！？!?]{0,8}(?:拦|追回|拒付|撤销|退回)',
    '(?:找|向|去)(?:google\\s*play|app\\s*store|苹果|谷歌|应用商店)[^。！？!?]{0,6}(?:退款|投诉|申请|举报)',
    "\\b(?:report|reporting|reported)\\s+(?:your\\s+app|you|this\\s+app|this)\\s+to\\s+(?:apple|google|the\\s+app\\s+store|the\\s+play\\s+store)\\b",
    '\\b(?:post|posting|share|sharing|put|putting)\\s+(?:this|it)(?:\\s+\\w+){0,3}\\s+(?:on|all over)\\s+(?:every|all|social|twitter|x|reddit|facebook|tiktok|youtube)',
    '\\b(?:leave|leaving|write|writing|give|giving)\\s+(?:you\\s+)?(?:a\\s+)?(?:one|1|zero|0)[-\\s]?star',
    '\\b(?:call|calling|contact|contacting)\\s+(?:my|the)\\s+(?:bank|credit card company|lawyer|attorney)',
    '\\b(?:contact|contacting|report\\w*|complain\\w*|call|calling|going|go)\\s+(?:you\\s+)?(?:to\\s+)?trading\\s+standards',
  ],
  ignore: [
    'basketball court', 'tennis court', 'food court', 'courtside', 'police officer in the stream', '报警器', '律师函模板',
    '主播是律师', '律师直播',
  ],
  ignorePatterns: [
    // 怎么投诉主播: asking how to report, not threatening to
    '(?:怎么|如何|在哪|哪里)(?:投诉|举报)',
  ],
};
