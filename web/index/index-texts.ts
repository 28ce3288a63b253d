import type { UiLanguage } from '../shared/ui-language.js';

/** Every word the start page shows, per UI language. */
export interface IndexTexts {
  pageTitle: string;
  tagline: string;
  viewerTitle: string;
  viewerText: string;
  consoleTitle: string;
  consoleText: string;
  adminTitle: string;
  adminText: string;
  dashboardTitle: string;
  dashboardText: string;
  roomsTitle: string;
  roomsText: string;
  demoAccounts: string;
  password: string;
  api: string;
}

const EN: IndexTexts = {
  pageTitle: 'Livedesk',
  tagline: 'AI-first support for live-streaming platforms.',
  viewerTitle: 'Viewer demo',
  viewerText: 'Ask in a live room: streamed answers, voice barge-in, queue and rating.',
  consoleTitle: 'Agent console',
  consoleText: 'Take escalated conversations with the handoff summary, reply, transfer, close.',
  adminTitle: 'Knowledge admin',
  adminText: 'Edit entries and synonyms, import files, roll back, run evaluations.',
  dashboardTitle: 'Analytics',
  dashboardText:
    'First response times, AI resolution, escalations, satisfaction, peak hours, knowledge gaps.',
  roomsTitle: 'Room watch',
  roomsText: 'Field control: live comments, flood, ad, abuse and dispute alerts, suggested mutes.',
  demoAccounts: 'Demo accounts:',
  password: '; password',
  api: '. API:',
};

const ZH: IndexTexts = {
  pageTitle: 'Livedesk · 直播智能客服',
  tagline: '为直播平台打造的 AI 优先客服系统。',
  viewerTitle: '观众端演示',
  viewerText: '在直播间提问：流式回答、语音打断、排队与评价。',
  consoleTitle: '客服工作台',
  consoleText: '接待转人工的会话：查看交接摘要，回复、转接、结束会话。',
  adminTitle: '知识库管理',
  adminText: '编辑知识条目和同义词，导入文件，版本回滚，运行评测。',
  dashboardTitle: '数据分析',
  dashboardText: '首次响应时间、AI 解决率、转人工、满意度、高峰时段、知识库缺口。',
  roomsTitle: '直播间场控',
  roomsText: '实时弹幕，刷屏、广告、辱骂与纠纷告警，向平台建议禁言。',
  demoAccounts: '演示账号：',
  password: '；密码',
  api: '。接口文档：',
};

export function indexTexts(language: UiLanguage): IndexTexts {
  return language === 'zh' ? ZH : EN;
}
