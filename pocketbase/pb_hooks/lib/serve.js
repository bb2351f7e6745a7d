// How the app is served, beside pocketbase/serve.go (which serves the app's files with their
// security headers): the deployment settings read from the environment (a proxy to trust) and the
// admin UI switch. Every env value is checked: a wrong one stops PocketBase with a message saying why.

/**
 * The process environment (a variable not set is undefined). PocketBase's JS runtime has Node's
 * `process` (goja_nodejs), which types.d.ts does not declare.
 * @returns {Record<string, string | undefined>}
 */
function env() {
	return /** @type {typeof globalThis & { process: { env: Record<string, string | undefined> } }} */ (
		globalThis
	).process.env;
}

/** TEND_ADMIN_UI: "on" (PocketBase's admin UI at /_/, the default) or "off" (404). */
function isAdminUiOn() {
	const value = (env().TEND_ADMIN_UI || '').trim().toLowerCase();
	if (value === '' || value === 'on') return true;
	if (value === 'off') return false;
	throw new Error(`TEND_ADMIN_UI must be "on" or "off", not "${value}".`);
}

/**
 * The trusted-proxy settings the environment asks for, or null when it asks for nothing:
 * TEND_TRUSTED_PROXY_HEADERS (comma-separated header names, e.g. "X-Forwarded-For"; set but empty
 * = trust none) and TEND_TRUSTED_PROXY_LEFTMOST ("true" = the leftmost IP of the header, for a
 * proxy that overwrites it; default: the rightmost, which the nearest proxy appended).
 * @returns {{ headers: string[], useLeftmostIP: boolean } | null}
 */
function trustedProxyFromEnv() {
	const raw = env().TEND_TRUSTED_PROXY_HEADERS;
	const leftmost = (env().TEND_TRUSTED_PROXY_LEFTMOST || '').trim().toLowerCase();
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

/**
 * Saves the environment's trusted-proxy settings, if it has any and they differ.
 * @param {core.App} app
 */
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
	isAdminUiOn,
	trustedProxyFromEnv,
	applyTrustedProxy
};
