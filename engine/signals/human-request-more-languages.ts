/**
 * Requests for a person in the widget's other languages (ja, ko, es, pt, id, th, vi, ar): the widget's
 * "talk to a person" button sends such words, and viewers type them. Matched in the folded text
 * (lower case, NFKC; Han may be in Simplified form, Arabic letters as typed). Small on purpose: the
 * plain ways of asking, not the indirect ones the Chinese and English lists hold.
 */
// prettier-ignore
export const MORE_LANGUAGE_HUMAN_REQUESTS = [
  // ja: オペレーターと話したい, 担当者につないで, 人間と話せますか, オペレーターをお願いします
  // Han may be in Simplified form here: お願い → お愿い, 対応 → 对応.
  '(?:オペレーター|担当者|スタッフ|人間|有人|係の人)(?:さん)?(?:と|に|を)?(?:[話话]|つな|繋|代わ|替わ|お[願愿]い|呼ん|出して)',
  '(?:^|[\\s\\p{P}])人(?:と|に)(?:[話话]し|つな|繋)',
  '有人[対对]応',
  '^[\\s\\p{P}]*(?:オペレーター|担当者)[\\s\\p{P}]*$',
  // ko: 상담원과 이야기하고 싶어요, 상담원 연결해 주세요, 사람이랑 얘기하고 싶어요
  '(?:상담원|상담사|직원|사람)(?:과|와|이랑|랑|하고|한테|에게|을|를)?\\s*(?:연결|바꿔|이야기|얘기|대화|통화|말하)',
  '^[\\s\\p{P}]*(?:상담원|상담사)(?:\\s*(?:연결|요))?[\\s\\p{P}]*$',
  // es: quiero hablar con una persona, comunicarme con un agente, pásame con un asesor
  '\\b(?:hablar|comunicarme|chatear|pasame|pásame|conectarme|contactar)\\s+(?:con\\s+|a\\s+)?(?:una?\\s+|alg[uú]na?\\s+|el\\s+|la\\s+)?(?:persona|humano|agente|asesor|operador|representante|encargado)\\b',
  '\\b(?:quiero|necesito)\\s+(?:una?\\s+)?(?:persona|humano|agente|asesor|operador)\\b',
  // pt: quero falar com um atendente, falar com uma pessoa, me passa para um humano
  '\\b(?:falar|conversar|me\\s+passa(?:r)?|transferir)\\s+(?:com|para|pra)\\s+(?:uma?\\s+|algu[eé]m\\s+|o\\s+|a\\s+)?(?:pessoa|humano|atendente|agente|operador|representante)\\b',
  '\\b(?:quero|preciso\\s+de)\\s+(?:uma?\\s+)?(?:pessoa|humano|atendente)\\b',
  // id: saya ingin bicara dengan agen, mau ngobrol sama cs, hubungkan ke petugas
  '^\\W*(?:minta|mau|pengen|butuh)\\s+(?:cs|admin|agen|petugas|operator|manusia)(?:\\s+(?:dong|aja|ya|kak))?\\W*$',
  '\\b(?:bicara|berbicara|ngobrol|chat|hubungkan|sambungkan|terhubung)\\s+(?:dengan|sama|ke|kepada)\\s+(?:seorang\\s+)?(?:agen|manusia|orang|cs|admin|petugas|operator|customer\\s+service)\\b',
  // th: ขอคุยกับเจ้าหน้าที่, ติดต่อพนักงาน, อยากคุยกับคนจริง
  '(?:คุย|ติดต่อ|ขอสาย|ต่อสาย|โอนสาย|พูด)(?:กับ|หา)?(?:เจ้าหน้าที่|พนักงาน|แอดมิน|คนจริง|คน)',
  '^[\\s\\p{P}]*(?:ขอ)?(?:เจ้าหน้าที่|แอดมิน)[\\s\\p{P}]*$',
  // vi: tôi muốn nói chuyện với nhân viên, gặp nhân viên, cho gặp người thật
  '(?:nói chuyện|noi chuyen|gặp|gap|nói|liên hệ|lien he|chat|kết nối|ket noi)\\s+(?:với\\s+|voi\\s+)?(?:nhân viên|nhan vien|người thật|nguoi that|tư vấn viên|tu van vien|admin|tổng đài viên)',
  // The whole message names a person, as the assistant's replies ask: "agente", "nhân viên", "موظف"
  '^[\\s\\p{P}]*(?:agente|asesor|atendente|humano|agen|petugas|nhân viên|nhan vien|موظف(?: خدم[ةه] العملاء)?|خدم[ةه] العملاء)(?:\\s+(?:por favor|porfa|ơi|oi|dong|please))?[\\s\\p{P}]*$',
  // ar: أريد التحدث مع موظف, التحدث مع شخص, أكلم موظف خدمة العملاء
  '(?:كلمني|[اأ]بغى|[اأإ]ريد)\\s+(?:[اأ]كلم\\s+)?(?:موظف|شخص|[اإأ]نسان)',
  '(?:[اأإآ]تحدث|ال[تت]حدث|[اأإآ]كلم|[اأإآ]تكلم|التكلم|التواصل|[اأإآ]تواصل|تحويلي)\\s+(?:مع|[اإأ]لى|ل)?\\s*(?:موظف|شخص|[اإأ]نسان|ممثل|خدم[ةه] العملاء|الدعم)',
];
