// Minifies the text of Lit's `css` and `html` (and `svg`) tagged literals, as Lit's own build
// does: only the literal text changes, never a `${}` hole, so what renders is the same
// (test/node/template-minify.test.ts checks every literal of src/elements in Chromium). Used by
// the library build (vite.config.ts) and the drop-in bundle (scripts/bundle.mjs).

/** CSS outside strings: comments dropped, whitespace collapsed, none kept beside `{};,` or after `:`. */
function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/ !important/g, '!important')
    .replace(/;}/g, '}');
}

/** One piece of a `css` literal between holes; quoted strings (`content: ' · '`) are kept as written. */
export function minifyCss(raw) {
  return raw
    .split(/('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")/)
    .map((part, i) => (i % 2 === 1 ? part : minifyCssText(part)))
    .join('');
}

/**
 * One piece of an `html`/`svg` literal between holes: comments dropped, and each line break with
 * the indentation around it becomes one line break. Text and attribute whitespace render the same
 * (a template with `<pre>` or `<textarea>` is left alone, and the elements' styles set no
 * `white-space: pre*`: test/node/template-minify.test.ts checks it), and every line of the module
 * stays where it was, so the source map of the render code around it still holds.
 */
export function minifyHtml(raw) {
  return raw.replace(/<!--[\s\S]*?-->/g, '').replace(/[ \t]*\n\s*/g, '\n');
}

/** Every node of an ESTree AST. */
function* nodesOf(node) {
  if (Array.isArray(node)) for (const child of node) yield* nodesOf(child);
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string') yield node;
    for (const [key, value] of Object.entries(node)) if (key !== 'parent' && value && typeof value === 'object') yield* nodesOf(value);
  }
}

/**
 * Where a template piece's raw text is in `code`: ESTree parsers give the text alone, TypeScript's
 * ESTree (rolldown's `lang: 'ts'`) includes the delimiters (`` ` ``, `}`, `${`). Null when neither
 * fits, and the piece is left as it is.
 */
function rawSpan(code, q) {
  const raw = q.value.raw;
  if (code.slice(q.start, q.end) === raw) return { start: q.start, end: q.end };
  const start = q.start + 1;
  const end = q.end - (code.endsWith('${', q.end) ? 2 : 1);
  return /[`}]/.test(code[q.start]) && code.slice(start, end) === raw ? { start, end } : null;
}

/**
 * `code` with its `css`/`html`/`svg` literals minified, or null when nothing changed. `program` is
 * its ESTree AST with `start`/`end` offsets (rolldown's `parseAst` / a plugin's `this.parse`).
 * @param {string} code
 * @param {unknown} program
 * @returns {string | null}
 */
export function minifyTemplateLiterals(code, program) {
  const edits = [];
  for (const node of nodesOf(program)) {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') continue;
    const tag = node.tag.name;
    if (tag !== 'css' && tag !== 'html' && tag !== 'svg') continue;
    const quasis = node.quasi.quasis;
    // Text whose line breaks show is left as written.
    if (tag !== 'css' && quasis.some((q) => /<(pre|textarea)\b/i.test(q.value.raw))) continue;
    quasis.forEach((q, i) => {
      const at = rawSpan(code, q);
      if (!at) return;
      let text = tag === 'css' ? minifyCss(q.value.raw) : minifyHtml(q.value.raw);
      // A stylesheet's outer whitespace means nothing; a template's may be text beside its host's.
      if (tag === 'css' && i === 0) text = text.trimStart();
      if (tag === 'css' && i === quasis.length - 1) text = text.trimEnd();
      if (text !== q.value.raw) edits.push({ ...at, text });
    });
  }
  if (edits.length === 0) return null;
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
