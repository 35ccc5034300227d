// Raw, gzip and brotli sizes of a piece of JS, at the settings the server's
// precompressed copies use (maximum quality): one definition for the build,
// the benchmarks and the e2e tests.

import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** { raw, gzip, brotli } byte counts of `text`. */
export function compressedSizes(text) {
  const bytes = Buffer.from(text);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
