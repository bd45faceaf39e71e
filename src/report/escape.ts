/**
 * Server text is data, never terminal control. A server's body may carry ESC / OSC / BEL / CR
 * sequences (cursor-up + erase-line, then a fake `PASS` line) or bidi overrides that reorder what a
 * reader sees; every output (console, JUnit, results.json, HTML) shows them escaped, as `\u001b`.
 * Newlines and tabs are kept: they are how excerpts are laid out.
 */

// C0 controls but \t and \n, DEL, C1 controls, line/paragraph separators, bidi embeddings,
// overrides and isolates, and the BOM / zero-width no-break space.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every control character written as its `\uXXXX` escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\r' ? '\\r' : hex(c)));
}

/** True when the text holds a character escapeControls would rewrite. */
export function hasControls(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/** Every string inside a JSON-like value escaped (results.json records, read by people and by the HTML). */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeDeep) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeControls(k), escapeDeep(v)])) as T;
  return value;
}
