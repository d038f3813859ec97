// A @web/test-runner (dev server) plugin that serves React 19 to the browser as ES modules.
// React ships CommonJS only, which a browser cannot import; this bundles react, react-dom and
// react-dom/client once with esbuild (development build, so `act` works) into one module, and
// answers each bare import with a small module re-exporting that package's names from it, so
// there is exactly one React on the page.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const PREFIX = '/__react-esm/';
/** Bare specifier -> the name of its namespace in the shared bundle. */
const PACKAGES = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient' };

/** A CommonJS package's export names, read in a child process (React patches the console it loads in). */
function exportNames(spec) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(spec)}))))`;
  const names = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } }));
  return names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
}

export function reactAsEsm() {
  let bundle;
  const bundleOnce = () =>
    (bundle ??= build({
      stdin: {
        contents: Object.entries(PACKAGES)
          .map(([spec, name]) => `import ${name} from '${spec}'; export { ${name} };`)
          .join('\n'),
        resolveDir: process.cwd(),
      },
      bundle: true,
      format: 'esm',
      write: false,
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text));

  return {
    name: 'react-as-esm',
    resolveImport({ source }) {
      if (source in PACKAGES) return `${PREFIX}${source.replace('/', '__')}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      if (context.path === `${PREFIX}bundle.js`) return { body: await bundleOnce(), type: 'js' };
      const spec = context.path.slice(PREFIX.length, -'.js'.length).replace('__', '/');
      const name = PACKAGES[spec];
      if (!name) return;
      const names = exportNames(spec);
      return {
        body: `import { ${name} } from './bundle.js';\nexport default ${name};\nexport const { ${names.join(', ')} } = ${name};\n`,
        type: 'js',
      };
    },
  };
}
