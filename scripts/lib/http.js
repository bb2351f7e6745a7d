// A JSON request to PocketBase for the benches: status and parsed body, never throwing on 4xx/5xx.

/**
 * @param {string} base @param {string} method @param {string} path
 * @param {unknown} [body] @param {string} [token]
 * @returns {Promise<{ status: number, json: any }>}
 */
export async function requestJson(base, method, path, body, token) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	if (token) headers.authorization = token;
	const res = await fetch(base + path, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	let json = {};
	try {
		json = text ? JSON.parse(text) : {};
	} catch {
		json = { raw: text };
	}
	return { status: res.status, json };
}
