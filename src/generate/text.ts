/**
 * Texts for generated messages: ASCII and the scripts servers get wrong (CJK, emoji with ZWJ
 * sequences, right-to-left, combining marks), short and long. Every text is non-empty and has a
 * non-space character (the API rejects empty text blocks, facts §2).
 */
import fc from 'fast-check';

export const SCRIPTS = {
  ascii: ['Hello there.', 'What is two plus two?', 'Name a colour.', 'Say something kind.'],
  cjk: ['你好，世界。', 'こんにちは、元気ですか？', '안녕하세요, 반갑습니다.'],
  emoji: ['👋 hi', '👩‍👩‍👧‍👦 family', '🏳️‍🌈 flag', '🤖➕🧠'],
  rtl: ['مرحبا بالعالم', 'שלום עולם'],
  combining: ['é vs é', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', 'ñ ü'],
} as const;

export type Script = keyof typeof SCRIPTS;

export const phrase = (script?: Script) =>
  script ? fc.constantFrom(...SCRIPTS[script]) : fc.constantFrom(...Object.values(SCRIPTS).flat());

/** One to four phrases; now and then a long text (about 2,000 words) to test body sizes. */
export const messageText = fc.oneof(
  { weight: 9, arbitrary: fc.array(phrase(), { minLength: 1, maxLength: 4 }).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: phrase().map((p) => `${p} ${'lorem ipsum dolor sit amet '.repeat(400).trim()}`) },
);

/** A 1×1 transparent PNG: the smallest image every server can decode. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
