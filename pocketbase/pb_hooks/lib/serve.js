// How the app is served: its security headers, where its files are (as `pocketbase serve` was
// told), the deployment settings read from the environment (a proxy to trust), and the admin UI
// switch. Every env value is checked: a wrong one stops PocketBase with a message saying why.

/**
 * SvelteKit's route announcer (a visually hidden live region in its root component) is the app's
 * one style attribute; its hash lets that exact value through and nothing else. If a SvelteKit
 * upgrade changes it, the e2e tests fail on the violation (Chromium prints the new hash) and
 * app.css still hides the announcer meanwhile.
 */
const ANNOUNCER_STYLE = "'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='";

/**
 * The app's Content-Security-Policy. No inline script (the build moves SvelteKit's start-up code
 * into a file) and no inline style but the announcer's; images may be blob: (a photo chosen on the
 * device, before it is uploaded); the camera needs no CSP source (its stream is not fetched).
 */
const CSP = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	`style-src-attr 'unsafe-hashes' ${ANNOUNCER_STYLE}`,
	"img-src 'self' blob:",
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"frame-ancestors 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"object-src 'none'"
].join('; ');

/** Headers of every response with the app's own files (PocketBase adds nosniff everywhere). */
const APP_HEADERS = {
	'Content-Security-Policy': CSP,
	// The public card page carries its code in the fragment, which is never sent: be strict anyway.
	'Referrer-Policy': 'no-referrer',
	'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()'
};

/** Sets the app's security headers on a response. */
function setAppHeaders(e) {
	const headers = e.response.header();
	for (const name of Object.keys(APP_HEADERS)) headers.set(name, APP_HEADERS[name]);
}

/** The value of a command-line flag given as `--name=value` or `--name value`, or null. */
function flagValue(args, name) {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--') break;
		if (arg === '--' + name) return i + 1 < args.length ? args[i + 1] : null;
		if (arg.indexOf('--' + name + '=') === 0) return arg.slice(name.length + 3);
	}
	return null;
}

/** The folder `pocketbase serve` serves (--publicDir; PocketBase's default: pb_public beside it). */
function publicDirOf(args) {
	return flagValue(args, 'publicDir') || $filepath.join(args[0], '../pb_public');
}

/** Whether `pocketbase serve` answers unknown paths with index.html (--indexFallback, default on). */
function isIndexFallbackOn(args) {
	for (const arg of args) {
		if (arg === '--indexFallback') return true;
		if (arg.indexOf('--indexFallback=') === 0) return /^(1|t|true)$/i.test(arg.slice(16));
	}
	return true;
}

/** TEND_ADMIN_UI: "on" (PocketBase's admin UI at /_/, the default) or "off" (404). */
function isAdminUiOn() {
	const value = (process.env.TEND_ADMIN_UI || '').trim().toLowerCase();
	if (value === '' || value === 'on') return true;
	if (value === 'off') return false;
	throw new Error(`TEND_ADMIN_UI must be "on" or "off", not "${value}".`);
}

/**
 * The trusted-proxy settings the environment asks for, or null when it asks for nothing:
 * TEND_TRUSTED_PROXY_HEADERS (comma-separated header names, e.g. "X-Forwarded-For"; set but empty
 * = trust none) and TEND_TRUSTED_PROXY_LEFTMOST ("true" = the leftmost IP of the header, for a
 * proxy that overwrites it; default: the rightmost, which the nearest proxy appended).
 */
function trustedProxyFromEnv() {
	const raw = process.env.TEND_TRUSTED_PROXY_HEADERS;
	const leftmost = (process.env.TEND_TRUSTED_PROXY_LEFTMOST || '').trim().toLowerCase();
	if (!/^(|true|false|1|0)$/.test(leftmost)) {
		throw new Error(`TEND_TRUSTED_PROXY_LEFTMOST must be "true" or "false", not "${leftmost}".`);
	}
	if (raw === undefined) return null;
	const headers = raw
		.split(',')
		.map((h) => h.trim())
		.filter((h) => h !== '');
	for (const h of headers) {
		if (!/^[A-Za-z0-9-]+$/.test(h))
			throw new Error(`TEND_TRUSTED_PROXY_HEADERS: "${h}" is not an HTTP header name.`);
	}
	return { headers, useLeftmostIP: leftmost === 'true' || leftmost === '1' };
}

/** Saves the environment's trusted-proxy settings, if it has any and they differ. */
function applyTrustedProxy(app) {
	const wanted = trustedProxyFromEnv();
	if (!wanted) return;
	const settings = app.settings();
	const current = settings.trustedProxy;
	const same =
		current.useLeftmostIP === wanted.useLeftmostIP &&
		JSON.stringify(current.headers || []) === JSON.stringify(wanted.headers);
	if (same) return;
	settings.trustedProxy.headers = wanted.headers;
	settings.trustedProxy.useLeftmostIP = wanted.useLeftmostIP;
	app.save(settings);
}

module.exports = {
	CSP,
	setAppHeaders,
	flagValue,
	publicDirOf,
	isIndexFallbackOn,
	isAdminUiOn,
	trustedProxyFromEnv,
	applyTrustedProxy
};
