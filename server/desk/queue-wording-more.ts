import type { MoreQueueLanguage } from './queue-status-more.js';

/**
 * The desk's own lines to a viewer (welcome, out of hours, left the queue) in the viewer languages beyond
 * Chinese and English (issue 16 part 4). Traditional Chinese is not here: it gets the Simplified lines
 * converted by the conversation's script converter, as the assistant's replies are.
 */
export type MoreDeskLanguage = Exclude<MoreQueueLanguage, 'zh-Hant'>;

export interface DeskLineWords {
  /** Joins the sentences of one line: a space, or nothing for scripts without spaces. */
  separator: string;
  /** The locale the next opening's weekday and time are written in. */
  dateLocale: string;
  connectingNow: string;
  handedOver: string;
  noAgentsWelcome: string;
  keepWriting: string;
  placeKept: (duration: string) => string;
  offline: string;
  backAt: (when: string, inTime: string) => string;
  ticketOpened: (ticketId: string) => string;
  answerWhenBack: string;
  assistantMeanwhile: string;
  leftQueue: string;
}

export const MORE_DESK_LINES: Record<MoreDeskLanguage, DeskLineWords> = {
  ja: {
    separator: '',
    dateLocale: 'ja-JP',
    connectingNow: 'オペレーターにおつなぎしています。少々お待ちください。',
    handedOver: 'オペレーターにおつなぎします。',
    noAgentsWelcome: '対応できるオペレーターが現在いません。オペレーターが対応可能になり次第おつなぎします。',
    keepWriting: 'お待ちの間もここにメッセージを送れます。',
    placeKept: (duration) => `ページを離れても、順番は ${duration} 保持されます。`,
    offline: '現在、オペレーターの対応時間外です。',
    backAt: (when, inTime) => `対応再開は ${when}（${inTime}後）です。`,
    ticketOpened: (ticketId) =>
      `チケット ${ticketId} を作成しました。対応再開後、オペレーターがここで返信します。`,
    answerWhenBack: '対応再開後、オペレーターがここで返信します。',
    assistantMeanwhile: 'それまでは AI アシスタントが引き続きお手伝いします。',
    leftQueue:
      '順番待ちを離れたため、このリクエストは終了しました。再びオペレーターと話したいときは「オペレーター」と送ってください。',
  },
  ko: {
    separator: ' ',
    dateLocale: 'ko-KR',
    connectingNow: '지금 상담원을 연결하고 있습니다. 잠시만 기다려 주세요.',
    handedOver: '상담원에게 연결해 드리겠습니다.',
    noAgentsWelcome: '지금은 응대 가능한 상담원이 없습니다. 상담원이 접속하는 대로 연결해 드리겠습니다.',
    keepWriting: '기다리는 동안에도 여기에 메시지를 남길 수 있습니다.',
    placeKept: (duration) => `페이지를 떠나도 대기 순서는 ${duration} 동안 유지됩니다.`,
    offline: '지금은 상담원 운영 시간이 아닙니다.',
    backAt: (when, inTime) => `상담원은 ${when}에 돌아옵니다(${inTime} 후).`,
    ticketOpened: (ticketId) =>
      `티켓 ${ticketId}을(를) 만들었습니다. 상담원이 돌아오면 여기에서 답변드립니다.`,
    answerWhenBack: '상담원이 돌아오면 여기에서 답변드립니다.',
    assistantMeanwhile: '그동안 AI 어시스턴트가 계속 도와드립니다.',
    leftQueue:
      '대기열을 떠나 이번 상담 요청이 종료되었습니다. 다시 상담원이 필요하면 언제든 "상담원"이라고 보내 주세요.',
  },
  es: {
    separator: ' ',
    dateLocale: 'es-ES',
    connectingNow: 'Te estamos conectando con un agente. Un momento, por favor.',
    handedOver: 'Te paso con un agente de soporte.',
    noAgentsWelcome: 'Ahora no hay ningún agente disponible; te conectaremos en cuanto haya uno.',
    keepWriting: 'Mientras tanto, puedes seguir escribiendo aquí.',
    placeKept: (duration) => `Si sales, guardamos tu lugar durante ${duration}.`,
    offline: 'Nuestros agentes no están disponibles en este momento.',
    backAt: (when, inTime) => `Vuelven el ${when} (dentro de ${inTime}).`,
    ticketOpened: (ticketId) =>
      `Hemos abierto el ticket ${ticketId}; un agente te responderá aquí cuando vuelva.`,
    answerWhenBack: 'Un agente te responderá aquí cuando vuelva.',
    assistantMeanwhile: 'Mientras tanto, el asistente de IA puede seguir ayudándote.',
    leftQueue:
      'Saliste de la fila, así que cerramos esta solicitud. Escribe "agente" cuando quieras para volver a pedir una persona.',
  },
  pt: {
    separator: ' ',
    dateLocale: 'pt-BR',
    connectingNow: 'Estamos conectando você a um atendente. Um momento, por favor.',
    handedOver: 'Vou passar você para um atendente.',
    noAgentsWelcome: 'Nenhum atendente disponível no momento; vamos conectar você assim que houver um.',
    keepWriting: 'Enquanto isso, você pode continuar escrevendo aqui.',
    placeKept: (duration) => `Se você sair, guardamos seu lugar por ${duration}.`,
    offline: 'Nossos atendentes estão fora do horário agora.',
    backAt: (when, inTime) => `Eles voltam ${when} (em ${inTime}).`,
    ticketOpened: (ticketId) => `Abrimos o chamado ${ticketId}; um atendente responderá aqui quando voltar.`,
    answerWhenBack: 'Um atendente responderá aqui quando voltar.',
    assistantMeanwhile: 'Enquanto isso, o assistente de IA pode continuar ajudando você.',
    leftQueue:
      'Você saiu da fila, então encerramos esta solicitação. Escreva "atendente" a qualquer momento para pedir uma pessoa de novo.',
  },
  id: {
    separator: ' ',
    dateLocale: 'id-ID',
    connectingNow: 'Kami sedang menghubungkan Anda dengan agen. Mohon tunggu sebentar.',
    handedOver: 'Saya teruskan Anda ke agen dukungan.',
    noAgentsWelcome: 'Saat ini tidak ada agen yang tersedia; kami akan menghubungkan Anda begitu ada.',
    keepWriting: 'Sambil menunggu, Anda tetap bisa menulis di sini.',
    placeKept: (duration) => `Jika Anda pergi, antrean Anda disimpan selama ${duration}.`,
    offline: 'Agen kami sedang tidak bertugas saat ini.',
    backAt: (when, inTime) => `Mereka kembali ${when} (${inTime} lagi).`,
    ticketOpened: (ticketId) =>
      `Kami membuat tiket ${ticketId} untuk Anda; agen akan membalas di sini saat kembali.`,
    answerWhenBack: 'Agen akan membalas di sini saat kembali.',
    assistantMeanwhile: 'Sementara itu, asisten AI tetap bisa membantu Anda.',
    leftQueue:
      'Anda keluar dari antrean, jadi permintaan ini kami tutup. Tulis "agen" kapan saja untuk meminta bantuan orang lagi.',
  },
  th: {
    separator: ' ',
    dateLocale: 'th-TH',
    connectingNow: 'กำลังเชื่อมต่อคุณกับเจ้าหน้าที่ กรุณารอสักครู่',
    handedOver: 'กำลังส่งต่อคุณให้เจ้าหน้าที่ฝ่ายช่วยเหลือ',
    noAgentsWelcome: 'ขณะนี้ไม่มีเจ้าหน้าที่ที่พร้อมให้บริการ เราจะเชื่อมต่อให้ทันทีที่มีเจ้าหน้าที่',
    keepWriting: 'ระหว่างรอ คุณพิมพ์ข้อความไว้ที่นี่ได้',
    placeKept: (duration) => `หากออกจากหน้านี้ เราจะเก็บคิวของคุณไว้ ${duration}`,
    offline: 'ขณะนี้อยู่นอกเวลาทำการของเจ้าหน้าที่',
    backAt: (when, inTime) => `เจ้าหน้าที่จะกลับมา ${when} (อีก ${inTime})`,
    ticketOpened: (ticketId) => `เราได้เปิดตั๋ว ${ticketId} ให้คุณแล้ว เจ้าหน้าที่จะตอบที่นี่เมื่อกลับมา`,
    answerWhenBack: 'เจ้าหน้าที่จะตอบที่นี่เมื่อกลับมา',
    assistantMeanwhile: 'ระหว่างนี้ ผู้ช่วย AI ยังช่วยคุณได้ต่อ',
    leftQueue: 'คุณออกจากคิวแล้ว เราจึงปิดคำขอนี้ พิมพ์ "เจ้าหน้าที่" ได้ทุกเมื่อหากต้องการคุยกับเจ้าหน้าที่อีกครั้ง',
  },
  vi: {
    separator: ' ',
    dateLocale: 'vi-VN',
    connectingNow: 'Đang kết nối bạn với nhân viên hỗ trợ. Vui lòng chờ một chút.',
    handedOver: 'Mình sẽ chuyển bạn đến nhân viên hỗ trợ.',
    noAgentsWelcome: 'Hiện chưa có nhân viên nào trực; chúng tôi sẽ kết nối ngay khi có người.',
    keepWriting: 'Trong lúc chờ, bạn vẫn có thể nhắn ở đây.',
    placeKept: (duration) => `Nếu bạn rời đi, vị trí của bạn được giữ trong ${duration}.`,
    offline: 'Hiện đang ngoài giờ làm việc của nhân viên hỗ trợ.',
    backAt: (when, inTime) => `Nhân viên sẽ quay lại vào ${when} (sau ${inTime}).`,
    ticketOpened: (ticketId) =>
      `Chúng tôi đã tạo phiếu ${ticketId} cho bạn; nhân viên sẽ trả lời ở đây khi quay lại.`,
    answerWhenBack: 'Nhân viên sẽ trả lời ở đây khi quay lại.',
    assistantMeanwhile: 'Trong lúc đó, trợ lý AI vẫn có thể giúp bạn.',
    leftQueue:
      'Bạn đã rời hàng chờ nên yêu cầu này đã được đóng. Hãy nhắn "nhân viên" bất cứ lúc nào để gặp người hỗ trợ lần nữa.',
  },
  ar: {
    separator: ' ',
    dateLocale: 'ar',
    connectingNow: 'جارٍ توصيلك بموظف الدعم الآن. لحظة من فضلك.',
    handedOver: 'سأحوّلك إلى موظف الدعم.',
    noAgentsWelcome: 'لا يوجد موظف متاح الآن؛ سنوصلك بأول موظف يصبح متاحًا.',
    keepWriting: 'يمكنك مواصلة الكتابة هنا أثناء الانتظار.',
    placeKept: (duration) => `إذا غادرت، نحتفظ بدورك لمدة ${duration}.`,
    offline: 'موظفو الدعم خارج ساعات العمل الآن.',
    backAt: (when, inTime) => `يعودون ${when} (بعد ${inTime}).`,
    ticketOpened: (ticketId) => `فتحنا لك التذكرة ${ticketId}؛ سيرد عليك موظف هنا عند عودته.`,
    answerWhenBack: 'سيرد عليك موظف هنا عند عودته.',
    assistantMeanwhile: 'في هذه الأثناء يمكن لمساعد الذكاء الاصطناعي مواصلة مساعدتك.',
    leftQueue: 'لقد غادرت قائمة الانتظار، لذا أغلقنا هذا الطلب. اكتب "موظف" في أي وقت لتطلب شخصًا مرة أخرى.',
  },
};
