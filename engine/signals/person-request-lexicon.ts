/**
 * A short message that names a person of the desk and asks for them is a request for a person, however
 * it is worded: "我要找售后", "把你们老板叫来", "is a human available", "please get a manager". The
 * words are lists per language, matched in the folded text (Han in Simplified form); what is worded
 * as a question about staff (hours, jobs, someone else) stops the match. Hand-written phrasings reach
 * what their writer thought of; these pairs reach the rest of a short ask. Words viewers use for the
 * seller or anyone in the room (老板, 小姐姐, "someone", "staff") are not persons of the desk, and weak
 * asks (要, 求, 呢; "get", "please") count only when tied to the person, or live-commerce chatter
 * ("老板这个要多少钱", "does anybody have the link") would flood the agents.
 */
export interface PersonRequestLexicon {
  /** Who the viewer wants: staff of the desk, named plainly. */
  persons: readonly string[];
  /** How the viewer asks for them, anywhere in the message. */
  asks: readonly string[];
  /** Asks that count only right before the person ("要人工", "get me a manager"): alone they are chatter. */
  asksBefore: readonly string[];
  /** Asks that count only right after the person, ending the message ("经理呢", "a human please"). */
  asksAfter: readonly string[];
  /** Words that make it a question about staff, not a call for one now. */
  notAsking: readonly string[];
  /** Longest message (characters, folded) that counts as a short ask. */
  maxChars: number;
}

// prettier-ignore
export const PERSON_REQUEST_LEXICONS: Readonly<Record<'zh' | 'en', PersonRequestLexicon>> = {
  zh: {
    persons: [
      '人工', '真人', '活人', '客服', '售后', '经理', '主管', '领导', '负责人', '工作人员', '管理员', '管理层', '你们老板',
      '专员', '坐席', '客服小姐姐', '真的人', '能解决问题的人', '管事的', '能做主的',
    ],
    asks: [
      '找', '转', '接通', '联系', '叫', '让', '换', '需要', '咨询', '在吗', '在不在', '在么', '在嘛', '出来', '谈', '沟通',
      '说话', '介入', '安排', '处理一下', '回我', '回复我', '电话', '邮箱', '热线', '打给我', '致电',
    ],
    asksBefore: ['要', '求', '请', '来个', '给个', '给我', '找个', '接', '来', '要一个', '要个', '有没有', '有没有个'],
    asksAfter: ['呢', '来', '过来', '来一下', '出来一下', '在哪', '在哪里', '人呢', '方式'],
    notAsking: [
      '几点', '什么时候', '啥时候', '多久', '上班', '下班', '周末', '节假日', '成为', '应聘', '招聘', '工资', '主播', '认证',
      '商家', '卖家', '店铺', '快递员', '自称', '冒充', '骗', '刚才', '已经', '态度', '好评', '表扬', '谢谢你', '辛苦',
      '说的', '说了', '告诉我', '回复说', '让我', '叫我', '房管', '连麦', '粉丝团', '人工智能', '人工审核要', '审核多久',
      '人工费', '申请',
    ],
    maxChars: 16,
  },
  en: {
    persons: [
      'human', 'humans', 'human being', 'a person', 'real person', 'actual person', 'live person', 'real people', 'actual people', 'agent', 'agents', 'operator',
      'representative', 'manager', 'supervisor', 'support team', 'support staff', 'support agent', 'customer service',
      'customer support', 'customer care', 'hotline', 'helpline', 'support phone', 'live chat',
    ],
    asks: [
      'talk', 'speak', 'chat', 'contact', 'reach', 'call', 'connect', 'transfer', 'escalate', 'escalated', 'available',
      'on here', 'in here', 'look at', 'look into', 'help from', 'rather', 'prefer', 'is there', 'do you have', 'asap',
    ],
    asksBefore: [
      'want a', 'want an', 'want to', 'need a', 'need an', 'need to', 'get me', 'get me a', 'get me an', 'get a', 'get an',
      'get your', 'get the', 'give me a', 'give me an', 'please', 'pls', 'plz', 'want', 'need', 'any',
    ],
    asksAfter: ['please', 'pls', 'plz', 'now', 'asap', 'here', 'anyone', 'pls now', 'now please', 'please now'],
    notAsking: [
      'streamer', 'host', 'hair', 'resources', 'rights', 'become', 'hire', 'hiring', 'job', 'verify', 'verification',
      'travel', 'estate', 'when', 'hours', 'what time', 'open', 'she', 'he', 'they', 'my agent', 'seller', 'shop',
      'store', 'gift', 'ban', 'block', 'report', 'mute', 'moderator', 'room manager', 'know', 'anyone else',
      'does anyone', 'did anyone', 'has anyone', 'thank', 'thanks', 'already', 'said', 'told me', 'nobody', 'no one',
      'owner', 'restaurant', 'will try', 'hurt', 'kill', 'transcript',
    ],
    maxChars: 60,
  },
};
