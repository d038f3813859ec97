/**
 * Making server text safe to print on a terminal. A staff record's name or an error message
 * comes from the server and may carry terminal escapes (a colour, a cursor move, a window
 * title, an OSC 8 link, a "clear screen") or bidi controls that make a line read backwards;
 * printed raw they would forge or hide what the manager reads.
 */

// An escape sequence, in either spelling, removed whole so that its parameters do not stay
// behind as visible junk: CSI (ESC [ or U+009B … final byte), OSC/DCS/SOS/PM/APC strings (up to
// BEL or ST; to the end of the text when unterminated, as a terminal would swallow them), and
// the two-byte ESC forms.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?',
  ].join('|'),
  'g',
);

// What is left: C0 controls, DEL, C1 controls, and the bidi embeddings, overrides, isolates and
// marks (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069). Line and paragraph separators go
// too: one record is one line.
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` as one printable line: escape sequences removed whole, every other control or bidi
 * character removed, and tabs and line breaks turned into spaces first so words stay apart.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' ')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_OR_BIDI, '');
}

/**
 * `value` as JSON whose text holds no control or bidi character: the ones `JSON.stringify`
 * leaves raw (DEL, C1, bidi controls, U+2028/9) are written as `\uXXXX`, so a program reading
 * the JSON gets the data exactly while the terminal shows only plain characters.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    CONTROL_OR_BIDI,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
