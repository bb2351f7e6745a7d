// The last step of every build (a Vite plugin in vite.config.ts, after the start-up script has
// moved): each text file of build/ gets a brotli (.br) and a gzip (.gz) copy beside it, which
// pocketbase/serve.go sends to browsers that accept them. Compressed once, at the strongest
// settings, so serving costs no CPU. Files too small to gain are left alone, and so is a copy
// that would not be smaller than its original.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The kinds of file worth compressing (images other than SVG are compressed already). */
const TEXT = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml']);
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/** Every file under a folder. */
function filesUnder(/** @type {string} */ dir) {
	/** @type {string[]} */
	const found = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...filesUnder(path));
		else found.push(path);
	}
	return found;
}

/**
 * Writes name.br and name.gz beside every text file of `buildDir`.
 * @returns {{ files: number, bytes: number, brotli: number, gzip: number }} what it compressed
 */
export function precompress(/** @type {string} */ buildDir) {
	const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
	for (const path of filesUnder(buildDir)) {
		if (!TEXT.has(extname(path).toLowerCase())) continue;
		if (statSync(path).size < MIN_BYTES) continue;
		const data = readFileSync(path);
		const brotli = brotliCompressSync(data, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
				[constants.BROTLI_PARAM_SIZE_HINT]: data.length
			}
		});
		const gzip = gzipSync(data, { level: 9 });
		if (brotli.length < data.length) writeFileSync(`${path}.br`, brotli);
		if (gzip.length < data.length) writeFileSync(`${path}.gz`, gzip);
		totals.files++;
		totals.bytes += data.length;
		totals.brotli += Math.min(brotli.length, data.length);
		totals.gzip += Math.min(gzip.length, data.length);
	}
	return totals;
}
