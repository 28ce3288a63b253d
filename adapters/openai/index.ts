export { createOpenAIEmbedder } from './openai-embedder.js';
export type { OpenAIEmbedderOptions } from './openai-embedder.js';
export { createOpenAIAnswerComposer } from './openai-answer-composer.js';
export type { OpenAIAnswerComposerOptions } from './openai-answer-composer.js';
export {
  createOpenAIConversationSummarizer,
  formatConversationSummary,
} from './openai-conversation-summarizer.js';
export type {
  OpenAIConversationSummarizerOptions,
  StructuredConversationSummarizer,
} from './openai-conversation-summarizer.js';
export { createOpenAIEscalationJudge } from './openai-escalation-judge.js';
export type { OpenAIEscalationJudgeOptions } from './openai-escalation-judge.js';
export { createOpenAICandidateReranker } from './openai-candidate-reranker.js';
export type { OpenAICandidateRerankerOptions } from './openai-candidate-reranker.js';
export { createOpenAIMessageTranslator } from './openai-message-translator.js';
export type { OpenAIMessageTranslatorOptions } from './openai-message-translator.js';
export { createOpenAISpeechToText } from './openai-speech-to-text.js';
export type { OpenAISpeechToTextOptions } from './openai-speech-to-text.js';
export { createOpenAITextToSpeech } from './openai-text-to-speech.js';
export type { OpenAITextToSpeechOptions } from './openai-text-to-speech.js';
