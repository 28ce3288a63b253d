import type { MoreWidgetLanguage } from '../widget/widget-texts-more.js';
import type { ReportTexts } from './report-texts.js';

/** Reporting the other party, in the viewer languages beyond Simplified Chinese and English. */
export const MORE_REPORT_TEXTS: Record<MoreWidgetLanguage, ReportTexts> = {
  'zh-Hant': {
    open: '檢舉',
    title: '檢舉對方',
    hint: '檢舉會連同本次對話的最近訊息一起交給主管處理。',
    reportedUser: '對方使用者 ID',
    reason: '原因',
    reasons: {
      harassment: '騷擾',
      'sexual-content': '色情內容',
      'scam-or-fraud': '詐騙',
      'minor-safety': '涉及未成年人安全',
      'hate-or-threats': '仇恨或威脅',
      spam: '垃圾廣告',
      other: '其他',
    },
    note: '補充說明（選填）',
    block: '同時申請封鎖對方',
    submit: '送出檢舉',
    cancel: '取消',
    notReady: '請先傳送一則訊息，開始對話後再檢舉。',
    sent: (blockRequested) =>
      blockRequested
        ? '檢舉已送出，主管會盡快處理。封鎖申請已轉交平台，由平台決定並執行。'
        : '檢舉已送出，主管會盡快處理。',
    failed: (message) => `檢舉失敗：${message}`,
  },
  ja: {
    open: '通報',
    title: '相手を通報',
    hint: '通報はこの会話の最近のメッセージと一緒に管理者へ送られます。',
    reportedUser: '相手のユーザー ID',
    reason: '理由',
    reasons: {
      harassment: '嫌がらせ',
      'sexual-content': '性的なコンテンツ',
      'scam-or-fraud': '詐欺',
      'minor-safety': '未成年者の安全',
      'hate-or-threats': '差別や脅迫',
      spam: 'スパム',
      other: 'その他',
    },
    note: '補足（任意）',
    block: '相手のブロックも依頼する',
    submit: '通報する',
    cancel: 'キャンセル',
    notReady: '先にメッセージを送ってください。通報には会話が必要です。',
    sent: (blockRequested) =>
      blockRequested
        ? '通報を送信しました。管理者が確認します。ブロックの依頼はプラットフォームに送られ、判断と実行はプラットフォームが行います。'
        : '通報を送信しました。管理者が確認します。',
    failed: (message) => `通報できませんでした：${message}`,
  },
  ko: {
    open: '신고',
    title: '상대방 신고',
    hint: '신고는 이 대화의 최근 메시지와 함께 관리자에게 전달됩니다.',
    reportedUser: '상대방 사용자 ID',
    reason: '사유',
    reasons: {
      harassment: '괴롭힘',
      'sexual-content': '선정적인 콘텐츠',
      'scam-or-fraud': '사기',
      'minor-safety': '미성년자 안전',
      'hate-or-threats': '혐오 또는 협박',
      spam: '스팸',
      other: '기타',
    },
    note: '추가 설명 (선택)',
    block: '상대방 차단도 요청',
    submit: '신고하기',
    cancel: '취소',
    notReady: '먼저 메시지를 보내 주세요. 신고하려면 대화가 필요합니다.',
    sent: (blockRequested) =>
      blockRequested
        ? '신고가 접수되었습니다. 관리자가 확인합니다. 차단 요청은 플랫폼에 전달되며 플랫폼이 결정하고 처리합니다.'
        : '신고가 접수되었습니다. 관리자가 확인합니다.',
    failed: (message) => `신고하지 못했습니다: ${message}`,
  },
  es: {
    open: 'Denunciar',
    title: 'Denunciar a la otra persona',
    hint: 'Tu denuncia llega a un supervisor junto con los últimos mensajes de esta conversación.',
    reportedUser: 'Su ID de usuario',
    reason: 'Motivo',
    reasons: {
      harassment: 'Acoso',
      'sexual-content': 'Contenido sexual',
      'scam-or-fraud': 'Estafa o fraude',
      'minor-safety': 'Seguridad de un menor',
      'hate-or-threats': 'Odio o amenazas',
      spam: 'Spam',
      other: 'Otro',
    },
    note: 'Algo que añadir (opcional)',
    block: 'Pedir también que se le bloquee',
    submit: 'Enviar denuncia',
    cancel: 'Cancelar',
    notReady: 'Envía primero un mensaje: una denuncia necesita una conversación.',
    sent: (blockRequested) =>
      blockRequested
        ? 'Denuncia enviada; un supervisor la revisará. Tu solicitud de bloqueo pasó a la plataforma, que decide y bloquea.'
        : 'Denuncia enviada; un supervisor la revisará.',
    failed: (message) => `No se pudo enviar la denuncia: ${message}`,
  },
  pt: {
    open: 'Denunciar',
    title: 'Denunciar a outra pessoa',
    hint: 'Sua denúncia vai para um supervisor com as últimas mensagens desta conversa.',
    reportedUser: 'ID de usuário dela',
    reason: 'Motivo',
    reasons: {
      harassment: 'Assédio',
      'sexual-content': 'Conteúdo sexual',
      'scam-or-fraud': 'Golpe ou fraude',
      'minor-safety': 'Segurança de um menor',
      'hate-or-threats': 'Ódio ou ameaças',
      spam: 'Spam',
      other: 'Outro',
    },
    note: 'Algo a acrescentar (opcional)',
    block: 'Pedir também o bloqueio',
    submit: 'Enviar denúncia',
    cancel: 'Cancelar',
    notReady: 'Envie uma mensagem primeiro: uma denúncia precisa de uma conversa.',
    sent: (blockRequested) =>
      blockRequested
        ? 'Denúncia enviada; um supervisor vai analisar. Seu pedido de bloqueio foi para a plataforma, que decide e bloqueia.'
        : 'Denúncia enviada; um supervisor vai analisar.',
    failed: (message) => `Não foi possível enviar a denúncia: ${message}`,
  },
  id: {
    open: 'Laporkan',
    title: 'Laporkan lawan bicara',
    hint: 'Laporanmu dikirim ke supervisor bersama pesan terakhir percakapan ini.',
    reportedUser: 'ID pengguna mereka',
    reason: 'Alasan',
    reasons: {
      harassment: 'Pelecehan',
      'sexual-content': 'Konten seksual',
      'scam-or-fraud': 'Penipuan',
      'minor-safety': 'Keselamatan anak',
      'hate-or-threats': 'Kebencian atau ancaman',
      spam: 'Spam',
      other: 'Lainnya',
    },
    note: 'Keterangan tambahan (opsional)',
    block: 'Sekalian minta blokir',
    submit: 'Kirim laporan',
    cancel: 'Batal',
    notReady: 'Kirim pesan dulu: laporan memerlukan percakapan.',
    sent: (blockRequested) =>
      blockRequested
        ? 'Laporan terkirim; supervisor akan memeriksanya. Permintaan blokir diteruskan ke platform, yang memutuskan dan memblokir.'
        : 'Laporan terkirim; supervisor akan memeriksanya.',
    failed: (message) => `Laporan gagal: ${message}`,
  },
  th: {
    open: 'รายงาน',
    title: 'รายงานอีกฝ่าย',
    hint: 'รายงานจะส่งถึงหัวหน้างานพร้อมข้อความล่าสุดของการสนทนานี้',
    reportedUser: 'ID ผู้ใช้ของอีกฝ่าย',
    reason: 'เหตุผล',
    reasons: {
      harassment: 'การคุกคาม',
      'sexual-content': 'เนื้อหาทางเพศ',
      'scam-or-fraud': 'หลอกลวงหรือฉ้อโกง',
      'minor-safety': 'ความปลอดภัยของผู้เยาว์',
      'hate-or-threats': 'ความเกลียดชังหรือการข่มขู่',
      spam: 'สแปม',
      other: 'อื่น ๆ',
    },
    note: 'รายละเอียดเพิ่มเติม (ไม่บังคับ)',
    block: 'ขอให้บล็อกอีกฝ่ายด้วย',
    submit: 'ส่งรายงาน',
    cancel: 'ยกเลิก',
    notReady: 'โปรดส่งข้อความก่อน การรายงานต้องมีการสนทนา',
    sent: (blockRequested) =>
      blockRequested
        ? 'ส่งรายงานแล้ว หัวหน้างานจะตรวจสอบ คำขอบล็อกถูกส่งให้แพลตฟอร์มเป็นผู้ตัดสินใจและดำเนินการ'
        : 'ส่งรายงานแล้ว หัวหน้างานจะตรวจสอบ',
    failed: (message) => `ส่งรายงานไม่สำเร็จ: ${message}`,
  },
  vi: {
    open: 'Báo cáo',
    title: 'Báo cáo người kia',
    hint: 'Báo cáo của bạn được gửi cho quản lý cùng các tin nhắn gần nhất của cuộc trò chuyện này.',
    reportedUser: 'ID người dùng của họ',
    reason: 'Lý do',
    reasons: {
      harassment: 'Quấy rối',
      'sexual-content': 'Nội dung tình dục',
      'scam-or-fraud': 'Lừa đảo',
      'minor-safety': 'An toàn của trẻ vị thành niên',
      'hate-or-threats': 'Thù ghét hoặc đe dọa',
      spam: 'Spam',
      other: 'Khác',
    },
    note: 'Ghi chú thêm (tùy chọn)',
    block: 'Đồng thời yêu cầu chặn họ',
    submit: 'Gửi báo cáo',
    cancel: 'Hủy',
    notReady: 'Hãy gửi một tin nhắn trước: báo cáo cần có cuộc trò chuyện.',
    sent: (blockRequested) =>
      blockRequested
        ? 'Đã gửi báo cáo; quản lý sẽ xem xét. Yêu cầu chặn đã chuyển cho nền tảng, nơi quyết định và thực hiện.'
        : 'Đã gửi báo cáo; quản lý sẽ xem xét.',
    failed: (message) => `Không gửi được báo cáo: ${message}`,
  },
  ar: {
    open: 'إبلاغ',
    title: 'الإبلاغ عن الطرف الآخر',
    hint: 'يصل بلاغك إلى مشرف مع آخر رسائل هذه المحادثة.',
    reportedUser: 'معرّف المستخدم الآخر',
    reason: 'السبب',
    reasons: {
      harassment: 'مضايقة',
      'sexual-content': 'محتوى جنسي',
      'scam-or-fraud': 'احتيال',
      'minor-safety': 'سلامة قاصر',
      'hate-or-threats': 'كراهية أو تهديد',
      spam: 'رسائل مزعجة',
      other: 'أخرى',
    },
    note: 'إضافة (اختياري)',
    block: 'اطلب حظره أيضًا',
    submit: 'إرسال البلاغ',
    cancel: 'إلغاء',
    notReady: 'أرسل رسالة أولًا: يحتاج البلاغ إلى محادثة.',
    sent: (blockRequested) =>
      blockRequested
        ? 'تم إرسال البلاغ وسيراجعه مشرف. أُحيل طلب الحظر إلى المنصة، وهي التي تقرر وتنفّذ.'
        : 'تم إرسال البلاغ وسيراجعه مشرف.',
    failed: (message) => `تعذّر إرسال البلاغ: ${message}`,
  },
};
