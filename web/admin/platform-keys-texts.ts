import type { UiLanguage } from '../shared/ui-language.js';

/** Every word of the admin's Platform keys tab, per UI language. */
export interface PlatformKeysTexts {
  tabPlatformKeys: string;
  intro: string;
  signingTitle: string;
  signingHint: string;
  fieldPlatform: string;
  fieldKind: string;
  kindHs256: string;
  kindJwks: string;
  fieldJwksUrl: string;
  addSigning: string;
  apiTitle: string;
  apiHint: string;
  fieldLabel: string;
  addApi: string;
  secretTitle: string;
  secretHint: string;
  hideSecret: string;
  columnPlatform: string;
  columnKey: string;
  columnKind: string;
  columnLabel: string;
  columnCreated: string;
  columnState: string;
  columnActions: string;
  active: string;
  revokedAt: (at: string) => string;
  revoke: string;
  confirmRevoke: (id: string) => string;
  noSigning: string;
  noApi: string;
  createdSigning: string;
  createdApi: string;
  revoked: string;
  /** The platform already has two active signing keys. */
  limitReached: string;
  problem: (detail: string) => string;
}

const EN: PlatformKeysTexts = {
  tabPlatformKeys: 'Platform keys',
  intro:
    "Your platform's backend signs viewer identities (a JWT with iss = the platform id, aud = livedesk): only a valid signature makes a viewer verified, with their name and VIP tier. API keys let the backend post context and events into conversations.",
  signingTitle: 'Identity signing keys',
  signingHint:
    'HS256: Livedesk generates a shared secret. JWKS: your public keys (RS256 or ES256) at an https URL. Two keys per platform may be active at once, for rotation; the JWT header kid picks one.',
  fieldPlatform: 'Platform id',
  fieldKind: 'Kind',
  kindHs256: 'HS256 shared secret',
  kindJwks: 'JWKS URL (RS256 / ES256)',
  fieldJwksUrl: 'JWKS URL',
  addSigning: 'Add signing key',
  apiTitle: 'Platform API keys',
  apiHint: 'Bearer keys for /api/platform/… (context and events); Livedesk keeps only their hash.',
  fieldLabel: 'Label',
  addApi: 'Add API key',
  secretTitle: 'Secret',
  secretHint: 'Copy it now into your platform backend: Livedesk will not show it again.',
  hideSecret: 'I have copied it',
  columnPlatform: 'Platform',
  columnKey: 'Key id (kid)',
  columnKind: 'Kind',
  columnLabel: 'Label',
  columnCreated: 'Created',
  columnState: 'State',
  columnActions: 'Actions',
  active: 'active',
  revokedAt: (at) => `revoked ${at}`,
  revoke: 'Revoke',
  confirmRevoke: (id) => `Revoke ${id}? Anything signed or sent with it is refused from now on.`,
  noSigning: 'No signing keys yet: every viewer is anonymous.',
  noApi: 'No API keys yet.',
  createdSigning: 'Signing key added.',
  createdApi: 'API key added.',
  revoked: 'Key revoked.',
  limitReached: 'This platform already has two active signing keys: revoke one before adding another.',
  problem: (detail) => `Platform keys: ${detail}`,
};

const ZH: PlatformKeysTexts = {
  tabPlatformKeys: '平台密钥',
  intro:
    '平台后端为观众身份签名（JWT，iss 为平台 ID，aud 为 livedesk）：只有签名有效，观众才算已验证，昵称和 VIP 等级才会被采用。API 密钥供平台后端向会话推送直播信息和平台事件。',
  signingTitle: '身份签名密钥',
  signingHint:
    'HS256：由 Livedesk 生成共享密钥。JWKS：平台在 https 地址发布的公钥（RS256 或 ES256）。每个平台最多同时启用两个密钥以便轮换，由 JWT 头部的 kid 选择。',
  fieldPlatform: '平台 ID',
  fieldKind: '类型',
  kindHs256: 'HS256 共享密钥',
  kindJwks: 'JWKS 地址（RS256 / ES256）',
  fieldJwksUrl: 'JWKS 地址',
  addSigning: '添加签名密钥',
  apiTitle: '平台 API 密钥',
  apiHint: '用于 /api/platform/…（直播信息和平台事件）的 Bearer 密钥；Livedesk 只保存其哈希。',
  fieldLabel: '备注',
  addApi: '添加 API 密钥',
  secretTitle: '密钥',
  secretHint: '请立即复制到平台后端：Livedesk 不会再次显示。',
  hideSecret: '我已复制',
  columnPlatform: '平台',
  columnKey: '密钥 ID（kid）',
  columnKind: '类型',
  columnLabel: '备注',
  columnCreated: '创建时间',
  columnState: '状态',
  columnActions: '操作',
  active: '启用中',
  revokedAt: (at) => `已于 ${at} 吊销`,
  revoke: '吊销',
  confirmRevoke: (id) => `确定吊销 ${id}？此后用它签名或发送的内容都会被拒绝。`,
  noSigning: '还没有签名密钥：所有观众都是匿名的。',
  noApi: '还没有 API 密钥。',
  createdSigning: '已添加签名密钥。',
  createdApi: '已添加 API 密钥。',
  revoked: '密钥已吊销。',
  limitReached: '该平台已有两个启用中的签名密钥：请先吊销一个再添加。',
  problem: (detail) => `平台密钥：${detail}`,
};

export function platformKeysTexts(language: UiLanguage): PlatformKeysTexts {
  return language === 'zh' ? ZH : EN;
}
