// The library build and the drop-in bundle minify the text of every `css` and `html` literal
// (scripts/template-literals.mjs). It must
// change bytes, never meaning: for every literal in src/elements, Chromium parses the source and
// the minified text (holes filled alike) to the same style rules, and to the same DOM once text
// whitespace is collapsed as the page renders it.
// Run: node --import tsx --test test/node/template-minify.test.ts
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseAst } from 'vite';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { minifyCss, minifyHtml } from '../../scripts/template-literals.mjs';

interface Literal {
  file: string;
  tag: 'css' | 'html' | 'svg';
  quasis: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

/** Every `css`/`html`/`svg` tagged literal in the elements' source, as its raw pieces. */
function literals(): Literal[] {
  const out: Literal[] = [];
  const visit = (node: unknown, file: string): void => {
    if (Array.isArray(node)) for (const n of node) visit(n, file);
    else if (node && typeof node === 'object') {
      const n = node as { type?: string; tag?: { type: string; name: string }; quasi?: { quasis: { value: { raw: string } }[] } };
      if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && ['css', 'html', 'svg'].includes(n.tag.name)) {
        out.push({ file, tag: n.tag.name as Literal['tag'], quasis: n.quasi!.quasis.map((q) => q.value.raw) });
      }
      for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value, file);
    }
  };
  for (const file of filesUnder('src/elements').filter((f) => f.endsWith('.ts'))) {
    visit(parseAst(readFileSync(file, 'utf8'), { lang: 'ts' }), file);
  }
  return out;
}

/** The pieces joined, each hole filled with what the page could put there. */
function filled({ tag, quasis }: Literal, pieces: string[]): string {
  const last = pieces.length - 1;
  // A stylesheet's outer whitespace is trimmed by the minifier (it means nothing there).
  const trim = tag === 'css';
  return pieces
    .map((p, i) => (trim && i === 0 ? p.trimStart() : p))
    .map((p, i) => (trim && i === last ? p.trimEnd() : p))
    .map((p, i) => (i < last ? `${p}${tag === 'css' ? 'var(--hole)' : `h${i}`}` : p))
    .join('');
}

/**
 * In the page (as source text: tsx would add helpers the page lacks): each HTML text parsed in a
 * `<template>`, written out with comments dropped and whitespace runs as one space, as rendered.
 */
const DOM_OF = `(texts, svg) => texts.map((text) => {
  const template = document.createElement('template');
  template.innerHTML = svg ? '<svg>' + text + '</svg>' : text;
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent.replace(/\\s+/g, ' ');
    if (node.nodeType === Node.COMMENT_NODE) return '';
    const attrs = node.attributes ? [...node.attributes].map((a) => ' ' + a.name + '="' + a.value.replace(/\\s+/g, ' ') + '"').join('') : '';
    return '<' + node.nodeName + attrs + '>' + [...node.childNodes].map(walk).join('') + '</>';
  };
  // Adjacent text pieces (a comment removed between them) render as one.
  return walk(template.content).replace(/ +/g, ' ');
})`;

describe('minified css and html literals', () => {
  let browser: Browser;
  let page: Page;
  const found = literals();

  before(async () => {
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('finds the literals, and minifying makes them smaller', () => {
    assert.ok(found.filter((l) => l.tag === 'css').length >= 5, 'css literals');
    assert.ok(found.filter((l) => l.tag === 'html').length >= 20, 'html literals');
    const before = found.reduce((n, l) => n + l.quasis.join('').length, 0);
    const afterMinify = found.reduce((n, l) => n + l.quasis.map(l.tag === 'css' ? minifyCss : minifyHtml).join('').length, 0);
    assert.ok(afterMinify < before * 0.85, `${afterMinify} < 85% of ${before}`);
  });

  it('finds no styles that show whitespace as written, which the html minifier relies on', () => {
    for (const l of found.filter((x) => x.tag === 'css')) {
      assert.doesNotMatch(l.quasis.join(''), /white-space\s*:\s*(pre|break-spaces)/, `${l.file}: an html literal's line breaks would show`);
    }
  });

  it('keeps every css literal the same style rules', async () => {
    for (const l of found.filter((x) => x.tag === 'css')) {
      const [source, minified] = [filled(l, l.quasis), filled(l, l.quasis.map(minifyCss))];
      const rules = await page.evaluate(
        (texts) =>
          texts.map((text) => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(text);
            // Custom properties keep their tokens as written: space after a comma is kept there,
            // though it means nothing (var() fallbacks and lists read the same without it).
            return [...sheet.cssRules].map((r) => r.cssText.replace(/\s*,\s*/g, ','));
          }),
        [source, minified],
      );
      assert.ok(rules[0]!.length > 0, `${l.file}: parsed`);
      assert.deepEqual(rules[1], rules[0], `${l.file}: same rules`);
    }
  });

  it('keeps every html literal the same DOM, text whitespace as rendered', async () => {
    for (const l of found.filter((x) => x.tag !== 'css')) {
      const [source, minified] = [filled(l, l.quasis), filled(l, l.quasis.map(minifyHtml))];
      const trees = (await page.evaluate(`(${DOM_OF})(${JSON.stringify([source, minified])}, ${l.tag === 'svg'})`)) as string[];
      assert.equal(trees[1], trees[0], `${l.file}: same DOM`);
    }
  });
});
