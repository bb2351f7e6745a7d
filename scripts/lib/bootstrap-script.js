// SvelteKit writes the page's start-up code as an inline <script> in index.html, and has no option
// to write it to a file (sveltejs/kit#3555). The Content-Security-Policy allows no inline script,
// so every build ends with this step (a Vite plugin in vite.config.ts): the script moves, unchanged,
// to _app/immutable/bootstrap.<content hash>.js, the page loads it with <script src>, and the
// service worker learns its path (it is precached with the rest of the app).
// Invariant: after a build no HTML file in build/ holds an inline script; the build fails otherwise.
// The script stays a classic one (not type="module"): it finds its mount point through
// document.currentScript, which module scripts do not have.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What src/service-worker.ts holds in place of the start-up script's path until a build. */
export const BOOTSTRAP_PLACEHOLDER = '/__tend_bootstrap_script__';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
/** SvelteKit's start-up code imports `<base>/<appDir>/immutable/entry/start.<hash>.js`. */
const START_IMPORT = /import\("([^"]*\/immutable\/)(entry\/start\.[\w-]+\.js)"\)/;

/** Every .html file under a folder. */
function htmlFiles(/** @type {string} */ dir) {
	/** @type {string[]} */
	const found = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...htmlFiles(path));
		else if (entry.name.endsWith('.html')) found.push(path);
	}
	return found;
}

/** The inline scripts of a page (those without a src attribute). */
export function inlineScripts(/** @type {string} */ html) {
	return [...html.matchAll(SCRIPT)]
		.filter((m) => !/\bsrc\s*=/.test(m[1] ?? ''))
		.map((m) => ({ tag: m[0], attributes: (m[1] ?? '').trim(), code: m[2] ?? '' }));
}

/**
 * Moves the one inline start-up script of the build in `buildDir` into a file of its own and
 * points the page and the service worker at it. Returns the script's path as the page loads it.
 * Throws when the build does not look as expected (no script, several, or unknown attributes).
 */
export function externaliseBootstrapScript(/** @type {string} */ buildDir) {
	const pages = htmlFiles(buildDir).map((file) => ({ file, html: readFileSync(file, 'utf8') }));
	const withScripts = pages.filter((page) => inlineScripts(page.html).length > 0);
	const [page, ...others] = withScripts;
	const scripts = page ? inlineScripts(page.html) : [];
	const [script] = scripts;
	if (!page || !script || others.length || scripts.length > 1 || script.attributes) {
		const where = withScripts.map((p) => relative(buildDir, p.file)).join(', ') || 'no page';
		throw new Error(
			`Expected exactly one inline <script> (SvelteKit's start-up code) in ${buildDir}, found it in ` +
				`${where}. Update scripts/lib/bootstrap-script.js to the new build output.`
		);
	}
	const [, prefix = '', start = ''] = START_IMPORT.exec(script.code) ?? [];
	// The URL starts with paths.base, which is no folder of the build: find the folder on disk.
	const segments = prefix.split('/').filter(Boolean);
	const depth = segments.findIndex((_, i) =>
		existsSync(join(buildDir, ...segments.slice(i), start))
	);
	if (!prefix || depth < 0)
		throw new Error(`The inline script of ${page.file} is not SvelteKit's start-up code.`);

	const hash = createHash('sha256').update(script.code).digest('base64url').slice(0, 8);
	const name = `bootstrap.${hash}.js`;
	const src = `${prefix}${name}`;
	writeFileSync(join(buildDir, ...segments.slice(depth), name), `${script.code.trim()}\n`);
	writeFileSync(
		page.file,
		page.html.replace(script.tag, () => `<script src="${src}"></script>`)
	);

	const worker = join(buildDir, 'service-worker.js');
	if (existsSync(worker)) {
		const code = readFileSync(worker, 'utf8');
		const count = code.split(BOOTSTRAP_PLACEHOLDER).length - 1;
		if (count !== 1) {
			throw new Error(
				`${worker} holds the start-up script placeholder ${count} times instead of once ` +
					`(see BOOTSTRAP_SCRIPT in src/service-worker.ts).`
			);
		}
		writeFileSync(
			worker,
			code.replace(BOOTSTRAP_PLACEHOLDER, () => src)
		);
	}
	return src;
}
