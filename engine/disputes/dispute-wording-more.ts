import type { DisputeStatus } from './dispute.js';

/**
 * A dispute's status lines to the viewer in the languages beyond Chinese and English (issue 16 part 4).
 * Traditional Chinese is not here: it gets the Simplified lines converted, as the desk's lines are.
 * `title` is the form's title in the same language ("Missing top-up" for a top-up request).
 */
export type MoreDisputeWordingLanguage = 'ja' | 'ko' | 'es' | 'pt' | 'id' | 'th' | 'vi' | 'ar';

export interface DisputeLineWords {
  separator: string;
  received: (title: string, ticket: string) => string;
  toPerson: string;
  withinHours: (hours: number) => string;
  soon: string;
  statuses: Record<DisputeStatus, (title: string, ticket: string) => string>;
}

export const MORE_DISPUTE_LINES: Record<MoreDisputeWordingLanguage, DisputeLineWords> = {
  ja: {
    separator: '',
    received: (title, ticket) => `「${title}」を受け付けました（チケット ${ticket}）。`,
    toPerson: 'この内容は担当者の確認が必要なため、オペレーターにおつなぎします。',
    withinHours: (hours) => `${hours} 時間以内に財務チームが対応します。`,
    soon: '財務チームができるだけ早く対応します。',
    statuses: {
      open: (title, ticket) => `「${title}」（チケット ${ticket}）を再開しました。引き続き対応します。`,
      pending: (title, ticket) => `「${title}」（チケット ${ticket}）は対応中です。`,
      resolved: (title, ticket) => `「${title}」（チケット ${ticket}）の対応が完了しました。`,
      closed: (title, ticket) => `「${title}」（チケット ${ticket}）は終了しました。`,
    },
  },
  ko: {
    separator: ' ',
    received: (title, ticket) => `'${title}' 신청을 접수했습니다(티켓 ${ticket}).`,
    toPerson: '담당자 검토가 필요한 건이라 상담원에게 연결해 드립니다.',
    withinHours: (hours) => `재무팀이 ${hours}시간 이내에 처리합니다.`,
    soon: '재무팀이 최대한 빨리 처리합니다.',
    statuses: {
      open: (title, ticket) => `'${title}' 신청(티켓 ${ticket})이 다시 열렸습니다. 계속 처리하겠습니다.`,
      pending: (title, ticket) => `'${title}' 신청(티켓 ${ticket})을 처리하고 있습니다.`,
      resolved: (title, ticket) => `'${title}' 신청(티켓 ${ticket}) 처리가 완료되었습니다.`,
      closed: (title, ticket) => `'${title}' 신청(티켓 ${ticket})이 종료되었습니다.`,
    },
  },
  es: {
    separator: ' ',
    received: (title, ticket) => `Hemos recibido tu solicitud «${title}» (ticket ${ticket}).`,
    toPerson: 'Una persona debe revisarla; te estamos conectando con un agente.',
    withinHours: (hours) => `Nuestro equipo de finanzas la tramitará en ${hours} horas como máximo.`,
    soon: 'Nuestro equipo de finanzas la tramitará pronto.',
    statuses: {
      open: (title, ticket) =>
        `Tu solicitud «${title}» (ticket ${ticket}) se ha reabierto; seguimos con ella.`,
      pending: (title, ticket) => `Tu solicitud «${title}» (ticket ${ticket}) está en trámite.`,
      resolved: (title, ticket) => `Tu solicitud «${title}» (ticket ${ticket}) se ha resuelto.`,
      closed: (title, ticket) => `Tu solicitud «${title}» (ticket ${ticket}) está cerrada.`,
    },
  },
  pt: {
    separator: ' ',
    received: (title, ticket) => `Recebemos seu pedido "${title}" (chamado ${ticket}).`,
    toPerson: 'Uma pessoa precisa analisar; estamos conectando você a um atendente.',
    withinHours: (hours) => `Nossa equipe financeira vai tratar em até ${hours} horas.`,
    soon: 'Nossa equipe financeira vai tratar em breve.',
    statuses: {
      open: (title, ticket) => `Seu pedido "${title}" (chamado ${ticket}) foi reaberto; seguimos com ele.`,
      pending: (title, ticket) => `Seu pedido "${title}" (chamado ${ticket}) está em andamento.`,
      resolved: (title, ticket) => `Seu pedido "${title}" (chamado ${ticket}) foi resolvido.`,
      closed: (title, ticket) => `Seu pedido "${title}" (chamado ${ticket}) foi encerrado.`,
    },
  },
  id: {
    separator: ' ',
    received: (title, ticket) => `Permintaan "${title}" Anda sudah kami terima (tiket ${ticket}).`,
    toPerson: 'Permintaan ini perlu ditinjau petugas; kami sedang menghubungkan Anda dengan agen.',
    withinHours: (hours) => `Tim keuangan kami akan memprosesnya dalam ${hours} jam.`,
    soon: 'Tim keuangan kami akan segera memprosesnya.',
    statuses: {
      open: (title, ticket) => `Permintaan "${title}" Anda (tiket ${ticket}) dibuka kembali; kami lanjutkan.`,
      pending: (title, ticket) => `Permintaan "${title}" Anda (tiket ${ticket}) sedang diproses.`,
      resolved: (title, ticket) => `Permintaan "${title}" Anda (tiket ${ticket}) sudah selesai.`,
      closed: (title, ticket) => `Permintaan "${title}" Anda (tiket ${ticket}) sudah ditutup.`,
    },
  },
  th: {
    separator: ' ',
    received: (title, ticket) => `เราได้รับคำขอ "${title}" ของคุณแล้ว (ตั๋ว ${ticket})`,
    toPerson: 'เรื่องนี้ต้องให้เจ้าหน้าที่ตรวจสอบ กำลังเชื่อมต่อคุณกับเจ้าหน้าที่',
    withinHours: (hours) => `ทีมการเงินจะดำเนินการภายใน ${hours} ชั่วโมง`,
    soon: 'ทีมการเงินจะดำเนินการโดยเร็ว',
    statuses: {
      open: (title, ticket) => `คำขอ "${title}" ของคุณ (ตั๋ว ${ticket}) ถูกเปิดอีกครั้ง เราจะติดตามต่อ`,
      pending: (title, ticket) => `คำขอ "${title}" ของคุณ (ตั๋ว ${ticket}) กำลังดำเนินการ`,
      resolved: (title, ticket) => `คำขอ "${title}" ของคุณ (ตั๋ว ${ticket}) ดำเนินการเสร็จแล้ว`,
      closed: (title, ticket) => `คำขอ "${title}" ของคุณ (ตั๋ว ${ticket}) ปิดแล้ว`,
    },
  },
  vi: {
    separator: ' ',
    received: (title, ticket) => `Chúng tôi đã nhận yêu cầu "${title}" của bạn (phiếu ${ticket}).`,
    toPerson: 'Yêu cầu này cần người xem xét; đang kết nối bạn với nhân viên hỗ trợ.',
    withinHours: (hours) => `Bộ phận tài chính sẽ xử lý trong vòng ${hours} giờ.`,
    soon: 'Bộ phận tài chính sẽ sớm xử lý.',
    statuses: {
      open: (title, ticket) =>
        `Yêu cầu "${title}" của bạn (phiếu ${ticket}) đã được mở lại; chúng tôi tiếp tục xử lý.`,
      pending: (title, ticket) => `Yêu cầu "${title}" của bạn (phiếu ${ticket}) đang được xử lý.`,
      resolved: (title, ticket) => `Yêu cầu "${title}" của bạn (phiếu ${ticket}) đã được giải quyết.`,
      closed: (title, ticket) => `Yêu cầu "${title}" của bạn (phiếu ${ticket}) đã đóng.`,
    },
  },
  ar: {
    separator: ' ',
    received: (title, ticket) => `استلمنا طلبك «${title}» (التذكرة ${ticket}).`,
    toPerson: 'يحتاج هذا الطلب إلى مراجعة شخص؛ نوصلك الآن بموظف الدعم.',
    withinHours: (hours) => `سيعالجه فريق المالية خلال ${hours} ساعة.`,
    soon: 'سيعالجه فريق المالية قريبًا.',
    statuses: {
      open: (title, ticket) => `أُعيد فتح طلبك «${title}» (التذكرة ${ticket})؛ نتابعه من جديد.`,
      pending: (title, ticket) => `طلبك «${title}» (التذكرة ${ticket}) قيد المعالجة.`,
      resolved: (title, ticket) => `تمت معالجة طلبك «${title}» (التذكرة ${ticket}).`,
      closed: (title, ticket) => `أُغلق طلبك «${title}» (التذكرة ${ticket}).`,
    },
  },
};
