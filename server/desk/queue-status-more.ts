/**
 * The queue banner's words in the viewer languages beyond Chinese and English (issue 16 part 4). Only
 * the banner: the server's own welcome and out-of-hours lines stay zh/en.
 */
export type MoreQueueLanguage = 'zh-Hant' | 'ja' | 'ko' | 'es' | 'pt' | 'id' | 'th' | 'vi' | 'ar';

export interface QueueStatusWords {
  connecting: string;
  noAgents: string;
  next: string;
  ahead: (count: number) => string;
  /** Joins the place and the wait phrase into one line. */
  withWait: (place: string, wait: string) => string;
  underMinute: string;
  minutes: (count: number) => string;
  hours: (count: number) => string;
}

export const MORE_QUEUE_WORDS: Record<MoreQueueLanguage, QueueStatusWords> = {
  'zh-Hant': {
    connecting: '正在為你接通客服…',
    noAgents: '暫無可接待的客服在線，已為你保留排隊位置。',
    next: '下一位就是你。',
    ahead: (count) => `你前面還有 ${count} 位。`,
    withWait: (place, wait) => `${place}預計等待${wait}。`,
    underMinute: '不到 1 分鐘',
    minutes: (count) => `約 ${count} 分鐘`,
    hours: (count) => `約 ${count} 小時`,
  },
  ja: {
    connecting: 'オペレーターにおつなぎしています…',
    noAgents: '対応できるオペレーターが現在いません。順番はそのまま保持されます。',
    next: '次があなたの番です。',
    ahead: (count) => `あなたの前に ${count} 人待っています。`,
    withWait: (place, wait) => `${place}待ち時間の目安：${wait}。`,
    underMinute: '1 分未満',
    minutes: (count) => `約 ${count} 分`,
    hours: (count) => `約 ${count} 時間`,
  },
  ko: {
    connecting: '지금 상담원을 연결하고 있습니다…',
    noAgents: '지금은 응대 가능한 상담원이 없습니다. 대기 순서는 유지됩니다.',
    next: '다음 순서입니다.',
    ahead: (count) => `앞에 ${count}명이 기다리고 있습니다.`,
    withWait: (place, wait) => `${place} 예상 대기 시간: ${wait}.`,
    underMinute: '1분 미만',
    minutes: (count) => `약 ${count}분`,
    hours: (count) => `약 ${count}시간`,
  },
  es: {
    connecting: 'Te estamos conectando con un agente…',
    noAgents: 'Ahora no hay ningún agente disponible; conservas tu lugar en la fila.',
    next: 'Eres el siguiente.',
    ahead: (count) => (count === 1 ? 'Hay 1 persona delante de ti.' : `Hay ${count} personas delante de ti.`),
    withWait: (place, wait) => `${place} Espera estimada: ${wait}.`,
    underMinute: 'menos de un minuto',
    minutes: (count) => `unos ${count} min`,
    hours: (count) => `unas ${count} h`,
  },
  pt: {
    connecting: 'Conectando você a um atendente…',
    noAgents: 'Nenhum atendente disponível no momento; você mantém seu lugar na fila.',
    next: 'Você é o próximo.',
    ahead: (count) => (count === 1 ? 'Há 1 pessoa na sua frente.' : `Há ${count} pessoas na sua frente.`),
    withWait: (place, wait) => `${place} Espera estimada: ${wait}.`,
    underMinute: 'menos de um minuto',
    minutes: (count) => `cerca de ${count} min`,
    hours: (count) => `cerca de ${count} h`,
  },
  id: {
    connecting: 'Sedang menghubungkanmu dengan agen…',
    noAgents: 'Belum ada agen yang bisa membantu saat ini; antreanmu tetap disimpan.',
    next: 'Kamu berikutnya.',
    ahead: (count) => `Ada ${count} orang di depanmu.`,
    withWait: (place, wait) => `${place} Perkiraan waktu tunggu: ${wait}.`,
    underMinute: 'kurang dari 1 menit',
    minutes: (count) => `sekitar ${count} menit`,
    hours: (count) => `sekitar ${count} jam`,
  },
  th: {
    connecting: 'กำลังเชื่อมต่อเจ้าหน้าที่ให้คุณ…',
    noAgents: 'ขณะนี้ยังไม่มีเจ้าหน้าที่ว่าง คุณยังคงอยู่ในคิว',
    next: 'คิวถัดไปคือคุณ',
    ahead: (count) => `มีผู้รออยู่ก่อนคุณ ${count} คน`,
    withWait: (place, wait) => `${place} เวลารอโดยประมาณ: ${wait}`,
    underMinute: 'ไม่ถึง 1 นาที',
    minutes: (count) => `ประมาณ ${count} นาที`,
    hours: (count) => `ประมาณ ${count} ชั่วโมง`,
  },
  vi: {
    connecting: 'Đang kết nối bạn với nhân viên…',
    noAgents: 'Hiện chưa có nhân viên nào rảnh; bạn vẫn giữ chỗ trong hàng chờ.',
    next: 'Bạn là người tiếp theo.',
    ahead: (count) => `Còn ${count} người phía trước bạn.`,
    withWait: (place, wait) => `${place} Thời gian chờ dự kiến: ${wait}.`,
    underMinute: 'dưới 1 phút',
    minutes: (count) => `khoảng ${count} phút`,
    hours: (count) => `khoảng ${count} giờ`,
  },
  ar: {
    connecting: 'جارٍ توصيلك بموظف الدعم…',
    noAgents: 'لا يوجد موظف دعم متاح الآن، وما زال دورك محفوظًا.',
    next: 'أنت التالي.',
    ahead: (count) => (count === 1 ? 'أمامك شخص واحد.' : `أمامك ${count} أشخاص.`),
    withWait: (place, wait) => `${place} مدة الانتظار المتوقعة: ${wait}.`,
    underMinute: 'أقل من دقيقة',
    minutes: (count) => `نحو ${count} دقيقة`,
    hours: (count) => `نحو ${count} ساعة`,
  },
};

/** A locale tag as one of these languages (`zh-TW` → zh-Hant, `pt-BR` → pt, `ms` → id), or undefined. */
export function moreQueueLanguage(locale: string): MoreQueueLanguage | undefined {
  const tag = locale.trim().toLowerCase();
  if (/^zh-(?:hant|tw|hk|mo)(?:-|$)/.test(tag)) return 'zh-Hant';
  const primary = tag.split(/[-_]/)[0] ?? '';
  if (primary === 'ms' || primary === 'in') return 'id';
  const all: readonly string[] = ['ja', 'ko', 'es', 'pt', 'id', 'th', 'vi', 'ar'];
  return all.includes(primary) ? (primary as MoreQueueLanguage) : undefined;
}
