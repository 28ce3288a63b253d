import type { Replies } from './canned-replies.js';

// Emergency numbers differ by country: beyond Chinese and English the hotline line names none, and
// operators who serve one region set theirs (LIVEDESK_SAFETY_HOTLINE).
/** The assistant's own words for viewers writing Japanese, Korean, Spanish, Portuguese, Indonesian, Thai, Vietnamese or Arabic. */
export const MORE_CANNED_REPLIES: Readonly<Record<string, Replies>> = {
  ja: {
    decline: '申し訳ありません、その質問にはお答えできません。',
    howToReachPerson: 'オペレーターと話したい場合は「オペレーター」と返信してください。',
    clarifyIntro: 'どちらのご質問ですか？',
    handedBack:
      'オペレーターの対応が終わりました。ここからはAIアシスタントがお手伝いします。何でも聞いてください。',
    safetyCare:
      'とてもつらい状況のようですね。話してくれてありがとうございます。あなたは一人ではありません。今、スタッフが対応します。',
    safetyHotline: 'あなたや周りの人に危険が迫っている場合は、すぐに地域の緊急通報番号に電話してください。',
    composerFailed: '問題が発生しました。ヘルプセンターの説明はこちらです：',
  },
  ko: {
    decline: '죄송합니다. 그 질문에는 답변드리기 어려워요.',
    howToReachPerson: '상담원과 이야기하시려면 "상담원"이라고 답장해 주세요.',
    clarifyIntro: '어떤 것을 물어보셨나요?',
    handedBack: '상담원 응대가 끝났습니다. 이제 AI 어시스턴트가 도와드릴게요. 무엇이든 물어보세요.',
    safetyCare:
      '지금 많이 힘드신 것 같아요. 말씀해 주셔서 고마워요. 혼자가 아니에요. 저희 직원이 곧 함께할게요.',
    safetyHotline: '본인이나 주변 사람이 위험하다면 지금 바로 지역 긴급 전화번호로 연락하세요.',
    composerFailed: '문제가 생겼어요. 고객센터 안내를 보여 드릴게요:',
  },
  es: {
    decline: 'Lo siento, no puedo responder a eso.',
    howToReachPerson: 'Para hablar con una persona, responde "agente".',
    clarifyIntro: '¿A cuál de estas te refieres?',
    handedBack:
      'El agente te ha devuelto al asistente de IA. Pregúntame lo que quieras, estoy aquí para ayudarte.',
    safetyCare:
      'Parece que lo estás pasando muy mal, y me alegra que nos lo cuentes. No estás solo: alguien de nuestro equipo se une ahora.',
    safetyHotline:
      'Si tú o alguien cercano está en peligro, llama ahora al número de emergencias de tu país.',
    composerFailed: 'Algo falló de mi lado; esto es lo que dice nuestro centro de ayuda:',
  },
  pt: {
    decline: 'Desculpe, não consigo responder a isso.',
    howToReachPerson: 'Para falar com uma pessoa, responda "atendente".',
    clarifyIntro: 'Qual destas você quer dizer?',
    handedBack:
      'O atendente devolveu a conversa ao assistente de IA. Pergunte o que quiser, estou aqui para ajudar.',
    safetyCare:
      'Parece que você está passando por um momento muito difícil, e que bom que você nos contou. Você não está sozinho: alguém da nossa equipe vai falar com você agora.',
    safetyHotline:
      'Se você ou alguém perto de você estiver em perigo, ligue agora para o número de emergência do seu país.',
    composerFailed: 'Algo deu errado do meu lado; veja o que diz a nossa central de ajuda:',
  },
  id: {
    decline: 'Maaf, saya tidak bisa menjawab pertanyaan itu.',
    howToReachPerson: 'Untuk bicara dengan agen, balas "agen".',
    clarifyIntro: 'Yang mana maksudmu?',
    handedBack: 'Agen telah mengembalikan percakapan ke asisten AI. Tanyakan apa saja, saya siap membantu.',
    safetyCare:
      'Sepertinya kamu sedang mengalami masa yang sangat berat, terima kasih sudah bercerita. Kamu tidak sendirian: anggota tim kami akan segera menemanimu.',
    safetyHotline: 'Jika kamu atau orang di dekatmu dalam bahaya, segera hubungi nomor darurat setempat.',
    composerFailed: 'Ada masalah di sisi saya; berikut penjelasan dari pusat bantuan kami:',
  },
  th: {
    decline: 'ขออภัย คำถามนี้ตอบไม่ได้',
    howToReachPerson: 'ถ้าต้องการคุยกับเจ้าหน้าที่ พิมพ์ว่า "เจ้าหน้าที่"',
    clarifyIntro: 'หมายถึงข้อไหน',
    handedBack: 'เจ้าหน้าที่ส่งการสนทนากลับมาให้ผู้ช่วย AI แล้ว ถามได้ทุกเรื่องเลย',
    safetyCare: 'ดูเหมือนตอนนี้คุณกำลังลำบากใจมาก ขอบคุณที่เล่าให้ฟังนะ คุณไม่ได้อยู่คนเดียว เจ้าหน้าที่ของเรากำลังมาคุยกับคุณ',
    safetyHotline: 'ถ้าคุณหรือคนใกล้ตัวกำลังตกอยู่ในอันตราย โทรหาหมายเลขฉุกเฉินในพื้นที่ของคุณทันที',
    composerFailed: 'เกิดข้อผิดพลาด นี่คือคำอธิบายจากศูนย์ช่วยเหลือ:',
  },
  vi: {
    decline: 'Xin lỗi, mình chưa trả lời được câu này.',
    howToReachPerson: 'Để nói chuyện với nhân viên, hãy trả lời "nhân viên".',
    clarifyIntro: 'Bạn muốn hỏi câu nào?',
    handedBack: 'Nhân viên đã chuyển cuộc trò chuyện lại cho trợ lý AI. Bạn cứ hỏi, mình luôn sẵn sàng.',
    safetyCare:
      'Có vẻ bạn đang rất khó khăn, cảm ơn bạn đã chia sẻ. Bạn không một mình đâu: nhân viên của chúng tôi sẽ trò chuyện với bạn ngay.',
    safetyHotline: 'Nếu bạn hoặc người bên cạnh đang gặp nguy hiểm, hãy gọi ngay số khẩn cấp tại nơi bạn ở.',
    composerFailed: 'Có lỗi xảy ra; đây là hướng dẫn từ trung tâm trợ giúp:',
  },
  ar: {
    decline: 'عذرًا، لا أستطيع الإجابة عن هذا السؤال.',
    howToReachPerson: 'للتحدث مع موظف، اكتب "موظف".',
    clarifyIntro: 'أيّ هذه تقصد؟',
    handedBack: 'أعادك موظف الدعم إلى المساعد الذكي. اسألني عن أي شيء، أنا هنا للمساعدة.',
    safetyCare: 'يبدو أنك تمر بوقت صعب جدًا، وشكرًا لأنك أخبرتنا. لست وحدك: سينضم إليك أحد أعضاء فريقنا الآن.',
    safetyHotline: 'إذا كنت أنت أو أي شخص بقربك في خطر، فاتصل فورًا برقم الطوارئ المحلي.',
    composerFailed: 'حدث خطأ من جهتي؛ إليك ما يقوله مركز المساعدة:',
  },
};
