// Route errors as values: every failure of a Tend route answers PocketBase's error shape
// `{ status, message, data: { reason } }` with a machine-readable reason the device maps to a message.

/**
 * @typedef {{
 *   isTendFailure: true,
 *   status: number,
 *   reason: string,
 *   message: string,
 *   extra: { [key: string]: unknown } | null
 * }} Failure
 */

/**
 * A failure carrying an HTTP status and a machine-readable reason.
 * @param {number} status
 * @param {string} reason
 * @param {string} message
 * @param {{ [key: string]: unknown } | null} [extra] more fields of `data` (e.g. retryAfter)
 * @returns {Failure}
 */
function failure(status, reason, message, extra) {
	return { isTendFailure: true, status, reason, message, extra: extra || null };
}

/**
 * Answers a failure as JSON (PocketBase's error shape, with data.reason a plain string).
 * @param {core.RequestEvent} e
 * @param {Failure} f
 */
function sendFailure(e, f) {
	/** @type {{ [key: string]: unknown }} */
	const data = { reason: f.reason };
	if (f.extra) for (const k of Object.keys(f.extra)) data[k] = f.extra[k];
	return e.json(f.status, { status: f.status, message: f.message, data });
}

/**
 * The signed-in users-collection record of a request, or null (superusers are not people here).
 * @param {core.RequestEvent} e
 * @returns {core.Record | null}
 */
function userOf(e) {
	const auth = e.auth;
	if (!auth || auth.collection().name !== 'users') return null;
	return auth;
}

/**
 * Reads a JSON object body; null when it is not a plain object.
 * @param {core.RequestEvent} e
 * @returns {{ [key: string]: unknown } | null} the body, untyped JSON as the client sent it
 */
function objectBody(e) {
	/** @type {unknown} */
	let body;
	try {
		body = e.requestInfo().body;
	} catch (_) {
		return null; // not JSON, or JSON that is not an object
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
	return /** @type {{ [key: string]: unknown }} */ (body);
}

/**
 * Returns the keys of `body` that are not in `allowed`.
 * @param {{ [key: string]: unknown }} body
 * @param {string[]} allowed
 * @returns {string[]}
 */
function unknownKeys(body, allowed) {
	return Object.keys(body).filter((k) => allowed.indexOf(k) < 0);
}

const ID = /^[a-z0-9]{15}$/;

module.exports = { failure, sendFailure, userOf, objectBody, unknownKeys, ID };
