import { describe, expect, it } from 'vitest';
import { compilePersonRequestComposition } from './person-request-composition.js';
import { PERSON_REQUEST_LEXICONS } from './person-request-lexicon.js';
import { prepareSignalText } from './signal-text.js';

const composition = compilePersonRequestComposition(PERSON_REQUEST_LEXICONS);
const find = (text: string) => composition.find(prepareSignalText(text).folded);

describe('a short message that names a person of the desk and asks for them', () => {
  it.each([
    ['我要找售后', '售后+找'],
    ['售后在吗', '售后+在吗'],
    ['把你们经理叫来', '经理+叫'],
    ['叫你们老板出来', '你们老板+叫'],
    ['你们有没有真的人', '真的人+有没有'],
    ['我想咨询人工', '人工+咨询'],
    ['请客服', '客服+请'],
    ['主管呢？', '主管+呢'],
    ['is a human available', 'human+available'],
    ['please get a manager', 'manager+get a'],
    ['real people please', 'real people+please'],
    ['get me an agent', 'agent+get me an'],
  ])('hears "%s" (%s)', (text, cue) => {
    expect(find(text)).toBe(cue);
  });

  it.each([
    // questions about staff, or about someone else
    '客服几点上班',
    '怎么成为主播的经理',
    '客服说的不对吧',
    '客服刚才已经帮我解决了，谢谢',
    '有人自称你们平台的工作人员',
    'when are agents available',
    'how do I become an agent',
    'does anyone know how to top up',
    'Okay will try to contact the restaurant owner/manager',
    'Oh you magnificent person. Yes please.',
    // no ask, or too long to be a short ask
    '人工',
    'customer service',
    '我昨天找了客服，客服让我等三天，到现在还是没有任何消息，我的钱呢',
    // live-commerce chatter: the seller or the room called by name, weak asks not tied to a person
    '老板发货了没',
    '老板这个要多少钱',
    '老板给个优惠吧',
    '售后怎么申请',
    '小姐姐好漂亮求链接',
    '员工价要多少',
    '主管要求是什么',
    '经理推荐的那款呢',
    'anyone want to buy together',
    'does anybody have the link',
    'can someone get this in blue please',
    'I want to change my phone number',
    'rep count please',
    'staff picks are great, I want one',
    'how do I get a live chat transcript',
  ])('leaves "%s"', (text) => {
    expect(find(text)).toBeUndefined();
  });
});
