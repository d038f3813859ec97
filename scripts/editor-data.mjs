// Editor data generated from the Custom Elements Manifest, so a till's HTML gets completion and
// hover docs for the kit's tags, attributes, events, slots, parts and custom properties:
// - vscode.html-custom-data.json: VS Code's custom HTML data (the `html.customData` setting);
// - web-types.json: JetBrains' web-types (WebStorm and IntelliJ find it through the `web-types`
//   field of package.json).
// scripts/manifest.mjs writes both next to custom-elements.json, and `--check` compares them too.

/** The manifest's custom elements, each with the package entry that defines its tag. */
function elementsOf(manifest) {
  const out = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      // `dist/elements/<name>/<name>.js` is published as `omneo-pos-kit/<name>` (its define module).
      const entry = /^dist\/elements\/([^/]+)\//.exec(mod.path)?.[1];
      if (!entry) throw new Error(`${d.tagName}: cannot tell its package entry from ${mod.path}`);
      out.push({ ...d, entry });
    }
  }
  return out.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** `'light' | 'dark' | undefined` -> `['light', 'dark']`; null when the type is not a set of strings. */
function stringLiterals(typeText = '') {
  const parts = typeText.split('|').map((p) => p.trim()).filter((p) => p !== 'undefined' && p !== 'null');
  if (parts.length === 0 || !parts.every((p) => /^'[^']*'$/.test(p))) return null;
  return parts.map((p) => p.slice(1, -1));
}

const isBoolean = (a) => a.type?.text?.replace(/\s*\|\s*undefined/, '') === 'boolean';

/** The element's documentation in Markdown: what it is, then what a host can bind to or style. */
function markdown(el, pkgName) {
  const list = (title, items, name = (i) => `\`${i.name}\``) =>
    items?.length ? [`**${title}**`, ...items.map((i) => `- ${name(i)}${i.description ? `: ${i.description.replace(/\s+/g, ' ')}` : ''}`)] : [];
  return [
    el.summary ?? '',
    el.description && el.description !== el.summary ? el.description : '',
    `\`import '${pkgName}/${el.entry}';\``,
    list('Events', el.events, (e) => `\`${e.name}\`${e.type?.text ? ` (${e.type.text})` : ''}`).join('\n'),
    list('Slots', el.slots, (s) => (s.name ? `\`${s.name}\`` : '(default)')).join('\n'),
    list('CSS parts', el.cssParts).join('\n'),
    list('CSS custom properties', el.cssProperties, (p) => `\`${p.name}\`${p.default ? ` (default \`${p.default}\`)` : ''}`).join('\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** VS Code custom HTML data (version 1.1). */
export function vscodeCustomData(manifest, pkg) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map((el) => ({
      name: el.tagName,
      description: { kind: 'markdown', value: markdown(el, pkg.name) },
      attributes: (el.attributes ?? []).map((a) => {
        const values = stringLiterals(a.type?.text);
        return {
          name: a.name,
          description: [a.description, a.type?.text ? `Type: \`${a.type.text}\`` : '', a.default !== undefined ? `Default: \`${a.default}\`` : '']
            .filter(Boolean)
            .join('\n\n'),
          ...(values ? { values: values.map((name) => ({ name })) } : isBoolean(a) ? { valueSet: 'v' } : {}),
        };
      }),
    })),
  };
}

/** JetBrains web-types (https://json.schemastore.org/web-types). */
export function webTypes(manifest, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map((el) => ({
          name: el.tagName,
          description: markdown(el, pkg.name),
          source: { module: `${pkg.name}/${el.entry}`, symbol: el.name },
          attributes: (el.attributes ?? []).map((a) => ({
            name: a.name,
            ...(a.description ? { description: a.description } : {}),
            ...(a.default !== undefined ? { default: a.default } : {}),
            value: isBoolean(a) ? { type: 'boolean', kind: 'no-value' } : { type: a.type?.text ?? 'string', kind: 'plain' },
          })),
          ...(el.slots?.length ? { slots: el.slots.map((s) => ({ name: s.name, ...(s.description ? { description: s.description } : {}) })) } : {}),
          js: {
            properties: (el.members ?? [])
              .filter((m) => m.kind === 'field')
              .map((m) => ({ name: m.name, ...(m.description ? { description: m.description } : {}), ...(m.type?.text ? { type: m.type.text } : {}) })),
            events: (el.events ?? []).map((e) => ({
              name: e.name,
              ...(e.description ? { description: e.description } : {}),
              ...(e.type?.text ? { type: e.type.text } : {}),
            })),
          },
          css: {
            parts: (el.cssParts ?? []).map((p) => ({ name: p.name, ...(p.description ? { description: p.description } : {}) })),
            properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, ...(p.description ? { description: p.description } : {}) })),
          },
        })),
      },
    },
  };
}

/** The files scripts/manifest.mjs writes beside custom-elements.json: name -> text. */
export function editorData(manifest, pkg) {
  const text = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'vscode.html-custom-data.json': text(vscodeCustomData(manifest, pkg)),
    'web-types.json': text(webTypes(manifest, pkg)),
  };
}
