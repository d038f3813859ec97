/**
 * Text that comes from outside the kit (a member's name, a benefit's name or description, a
 * sale line's name, a POS code, a sale id) as the elements show it: a text binding, never
 * markup; in a `<bdi>` that is an atomic inline box, so no bidi control in it (an unmatched
 * U+2069 closes a plain `<bdi>` early in Chromium, and a U+202E then reverses the kit's words
 * after it) can reorder the kit's own text; on one line, clipped with an ellipsis, the full
 * text in its `title`. The box around it carries `holds-outside` (see base.ts), so the text's
 * length never widens the element or the host's layout.
 */
import { html, type TemplateResult } from 'lit';

/** One piece of outside text, isolated and clipped (class `outside` in base.ts). */
export function outsideText(text: string): TemplateResult {
  return html`<bdi class="outside" title=${text}>${text}</bdi>`;
}

/**
 * Stands in for outside text while a catalogue message is formatted: a private-use character
 * that no catalogue writes, so the message's words stay the translator's and only the text is
 * put in its own box.
 */
export const OUTSIDE_TEXT = '\uE000';

/**
 * A catalogue message formatted with {@link OUTSIDE_TEXT} in place of `text`, with `text` put
 * back as {@link outsideText}: `sentenceWith(m.chosen(OUTSIDE_TEXT), name)`.
 */
export function sentenceWith(message: string, text: string): TemplateResult | string {
  if (!message.includes(OUTSIDE_TEXT)) return message;
  const pieces = message.split(OUTSIDE_TEXT);
  return html`${pieces.map((piece, i) => (i === 0 ? piece : html`${outsideText(text)}${piece}`))}`;
}
