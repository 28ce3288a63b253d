/**
 * The dispute forms' titles and field labels in the viewer languages beyond Simplified Chinese and
 * English (issue 16 part 4). They travel in the `dispute-form` event beside `zh` and `en`, keyed by
 * language; a client that knows only zh/en reads those as before.
 */
export const MORE_DISPUTE_LANGUAGES = ['zh-Hant', 'ja', 'ko', 'es', 'pt', 'id', 'th', 'vi', 'ar'] as const;
export type MoreDisputeLanguage = (typeof MORE_DISPUTE_LANGUAGES)[number];

export type DisputeLabelKey =
  | 'occurredAt'
  | 'amount'
  | 'totalAmount'
  | 'note'
  | 'giftRefundTitle'
  | 'gift'
  | 'topUpTitle'
  | 'topUpOrder'
  | 'minorTitle'
  | 'minorOrder';

export const MORE_DISPUTE_LABELS: Record<MoreDisputeLanguage, Record<DisputeLabelKey, string>> = {
  'zh-Hant': {
    occurredAt: '發生時間',
    amount: '金額（元）',
    totalAmount: '總金額（元）',
    note: '補充說明（選填）',
    giftRefundTitle: '禮物退款申請',
    gift: '哪個禮物（名稱或訂單號）',
    topUpTitle: '儲值未到帳',
    topUpOrder: '儲值訂單號',
    minorTitle: '未成年人消費退款',
    minorOrder: '訂單號或禮物名稱',
  },
  ja: {
    occurredAt: '発生日時',
    amount: '金額（人民元）',
    totalAmount: '合計金額（人民元）',
    note: '補足（任意）',
    giftRefundTitle: 'ギフトの返金申請',
    gift: 'どのギフトか（名前または注文番号）',
    topUpTitle: 'チャージが反映されない',
    topUpOrder: 'チャージの注文番号',
    minorTitle: '未成年者の課金の返金',
    minorOrder: '注文番号またはギフト名',
  },
  ko: {
    occurredAt: '발생 시각',
    amount: '금액(위안)',
    totalAmount: '총 금액(위안)',
    note: '추가 설명(선택)',
    giftRefundTitle: '선물 환불 신청',
    gift: '어떤 선물인지(이름 또는 주문 번호)',
    topUpTitle: '충전 미반영',
    topUpOrder: '충전 주문 번호',
    minorTitle: '미성년자 결제 환불',
    minorOrder: '주문 번호 또는 선물 이름',
  },
  es: {
    occurredAt: 'Cuándo ocurrió',
    amount: 'Importe (CNY)',
    totalAmount: 'Importe total (CNY)',
    note: 'Algo más (opcional)',
    giftRefundTitle: 'Solicitud de reembolso de regalo',
    gift: 'Qué regalo (nombre o número de pedido)',
    topUpTitle: 'Recarga no recibida',
    topUpOrder: 'Número de pedido de la recarga',
    minorTitle: 'Reembolso de gastos de un menor',
    minorOrder: 'Número de pedido o regalo',
  },
  pt: {
    occurredAt: 'Quando aconteceu',
    amount: 'Valor (CNY)',
    totalAmount: 'Valor total (CNY)',
    note: 'Mais alguma coisa (opcional)',
    giftRefundTitle: 'Pedido de reembolso de presente',
    gift: 'Qual presente (nome ou número do pedido)',
    topUpTitle: 'Recarga não recebida',
    topUpOrder: 'Número do pedido da recarga',
    minorTitle: 'Reembolso de gastos de um menor',
    minorOrder: 'Número do pedido ou presente',
  },
  id: {
    occurredAt: 'Waktu kejadian',
    amount: 'Jumlah (CNY)',
    totalAmount: 'Jumlah total (CNY)',
    note: 'Keterangan lain (opsional)',
    giftRefundTitle: 'Permintaan refund hadiah',
    gift: 'Hadiah yang mana (nama atau nomor pesanan)',
    topUpTitle: 'Top-up belum masuk',
    topUpOrder: 'Nomor pesanan top-up',
    minorTitle: 'Refund pembelian oleh anak di bawah umur',
    minorOrder: 'Nomor pesanan atau nama hadiah',
  },
  th: {
    occurredAt: 'เวลาที่เกิดเหตุ',
    amount: 'จำนวนเงิน (หยวน)',
    totalAmount: 'จำนวนเงินรวม (หยวน)',
    note: 'รายละเอียดเพิ่มเติม (ไม่บังคับ)',
    giftRefundTitle: 'คำขอคืนเงินค่าของขวัญ',
    gift: 'ของขวัญชิ้นไหน (ชื่อหรือหมายเลขคำสั่งซื้อ)',
    topUpTitle: 'เติมเงินแล้วยังไม่เข้า',
    topUpOrder: 'หมายเลขคำสั่งเติมเงิน',
    minorTitle: 'คืนเงินค่าใช้จ่ายของผู้เยาว์',
    minorOrder: 'หมายเลขคำสั่งซื้อหรือชื่อของขวัญ',
  },
  vi: {
    occurredAt: 'Thời điểm xảy ra',
    amount: 'Số tiền (CNY)',
    totalAmount: 'Tổng số tiền (CNY)',
    note: 'Thông tin thêm (không bắt buộc)',
    giftRefundTitle: 'Yêu cầu hoàn tiền quà tặng',
    gift: 'Quà nào (tên hoặc mã đơn hàng)',
    topUpTitle: 'Nạp tiền chưa nhận được',
    topUpOrder: 'Mã đơn nạp tiền',
    minorTitle: 'Hoàn tiền chi tiêu của trẻ vị thành niên',
    minorOrder: 'Mã đơn hàng hoặc tên quà',
  },
  ar: {
    occurredAt: 'وقت الحدوث',
    amount: 'المبلغ (يوان)',
    totalAmount: 'المبلغ الإجمالي (يوان)',
    note: 'ملاحظات أخرى (اختياري)',
    giftRefundTitle: 'طلب استرداد هدية',
    gift: 'أي هدية (الاسم أو رقم الطلب)',
    topUpTitle: 'شحن رصيد لم يصل',
    topUpOrder: 'رقم طلب الشحن',
    minorTitle: 'استرداد مشتريات قاصر',
    minorOrder: 'رقم الطلب أو اسم الهدية',
  },
};

/** One label in every extra language, to spread beside its `zh` and `en`. */
export function moreLabels(key: DisputeLabelKey): Record<MoreDisputeLanguage, string> {
  return Object.fromEntries(
    MORE_DISPUTE_LANGUAGES.map((language) => [language, MORE_DISPUTE_LABELS[language][key]]),
  ) as Record<MoreDisputeLanguage, string>;
}
