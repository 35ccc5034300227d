// `npm run build`: minifies loader/loader.js and bundles runtime/index.js into
// crates/resuma/assets/{loader,core,core-lite}.js, which the Rust crate embeds.
// `npm run check-assets` (this script with --check) builds into a temporary
// directory instead and fails when the committed copies differ, so the
// embedded JS can never drift from its source.
//
// Each file is minified by esbuild and by terser; the smaller brotli output
// wins. Both tools are pinned in package.json, so the output is reproducible.

import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { minify as terser } from 'terser';
import { compressedSizes } from './compressed-sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'crates/resuma/assets');
const target = ['chrome100', 'firefox100', 'safari15.4'];

// Terser settings for both files; `module` tells terser whether top-level
// names are private (ES module) or globals (classic script).
const terserOptions = isModule => ({
  module: isModule,
  ecma: 2020,
  compress: { passes: 3, unsafe_arrows: true },
  mangle: true,
  format: { comments: false },
});

/** The smaller-when-brotli'd of esbuild's and terser's minification of `code`. */
async function smallest(code, isModule) {
  const viaEsbuild = (await esbuild.transform(code, { minify: true, target, format: isModule ? 'esm' : undefined })).code;
  const viaTerser = (await terser(viaEsbuild, terserOptions(isModule))).code + '\n';
  return compressedSizes(viaTerser).brotli < compressedSizes(viaEsbuild).brotli ? viaTerser : viaEsbuild;
}

async function buildLoader() {
  const code = await smallest(await readFile(join(root, 'loader/loader.js'), 'utf8'), false);
  // The server inlines the loader into a <script> element: these sequences
  // would end it or switch the HTML parser into a script-data-escaped state.
  for (const bad of ['</script', '<!--', '<script'])
    if (code.toLowerCase().includes(bad)) throw new Error(`minified loader contains "${bad}"; it cannot be inlined`);
  return code;
}

async function bundle(entry, define = {}) {
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    target,
    write: false,
    define,
  });
  return smallest(result.outputFiles[0].text, true);
}

// The first 12 hex digits of SHA-256: the same content hash the Rust crate
// uses for asset names (crates/resuma/src/assets.rs `content_hash`).
const contentHash = code => createHash('sha256').update(code).digest('hex').slice(0, 12);

// Lists and conditionals (runtime/blocks/) are a module of their own that
// core imports only on pages that have them; core learns its hashed name
// at build time.
const blocks = await bundle('runtime/blocks/index.js');
const buildCore = () => bundle('runtime/index.js', { LITE: 'false', BLOCKS_URL: JSON.stringify(`./blocks-${contentHash(blocks)}.js`) });

// The lite core (runtime/index.js with LITE true): the same exports for
// pages without lists, conditionals, derived values and server calls,
// which the server picks per page (crates/resuma/src/core_build.rs).
// BLOCKS_URL stays undefined: the bundler must have dropped every use.
async function buildLiteCore() {
  const code = await bundle('runtime/index.js', { LITE: 'true' });
  for (const left of ['BLOCKS_URL', 'blocks-', '/_resuma/action/'])
    if (code.includes(left)) throw new Error(`the lite core still contains "${left}": guard its code with !LITE`);
  return code;
}

// The islands boot script (runtime/islands.js): a classic script the server
// inlines on pages with islands, so the same inlining rules as the loader.
async function buildIslands() {
  const code = await smallest(await readFile(join(root, 'runtime/islands.js'), 'utf8'), false);
  for (const bad of ['</script', '<!--', '<script'])
    if (code.toLowerCase().includes(bad)) throw new Error(`minified islands script contains "${bad}"; it cannot be inlined`);
  return code;
}

const outputs = {
  'loader.js': await buildLoader(),
  'core.js': await buildCore(),
  'core-lite.js': await buildLiteCore(),
  'blocks.js': blocks,
  'islands.js': await buildIslands(),
};

// Progressive-enhancement forms (runtime/forms.js): a handler chunk of its
// own that the server registers under its content hash (form.rs CHUNK_NAME),
// fetched on the first submit of a page with a `<Form>`.
outputs['forms.js'] = await smallest(await readFile(join(root, 'runtime/forms.js'), 'utf8'), true);

const check = process.argv.includes('--check');
const outDir = check ? await mkdtemp(join(tmpdir(), 'resuma-assets-')) : assets;
let stale = [];
for (const [name, code] of Object.entries(outputs)) {
  await writeFile(join(outDir, name), code);
  const s = compressedSizes(code);
  console.log(`${name.padEnd(12)} raw ${String(s.raw).padStart(5)}  gzip ${String(s.gzip).padStart(5)}  brotli ${String(s.brotli).padStart(5)}`);
  if (check) {
    const committed = await readFile(join(assets, name), 'utf8').catch(() => null);
    if (committed !== (await readFile(join(outDir, name), 'utf8'))) stale.push(name);
  }
}
if (check) {
  await rm(outDir, { recursive: true });
  if (stale.length) {
    console.error(`crates/resuma/assets/${stale.join(', ')} differ from a fresh build: run \`npm run build\` and commit the result.`);
    process.exit(1);
  }
  console.log('committed assets match a fresh build');
}
