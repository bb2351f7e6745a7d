// Swap tokens: `<cardId>.<keyVersion>.<expiry>.<sig>` (docs/protocol.md). The signature is the
// first 16 bytes of HMAC-SHA256(serverSecret, "<cardId>.<keyVersion>.<expiry>") in base64url.
// Invariant: the server secret lives only in <pb_data>/tend_swap_secret.key (mode 0600), created
// on first start; it is never in the repo, never in a collection, never sent anywhere.

const TOKEN_RE = /^([a-z0-9]{15})\.([0-9a-z]{1,4})\.([0-9a-z]{6,7})\.([A-Za-z0-9_-]{22})$/;
const MAX_TOKEN = 52;
const TOKEN_DAYS = 30;
/** An offline scan may reach the server this long after the token expired (scanned in time). */
const GRACE_SECONDS = 14 * 24 * 3600;
const CLOCK_SKEW_SECONDS = 300;
const SECRET_FILE = 'tend_swap_secret.key';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A token whose shape and signature are right (see parse): the card, its key version and the
 * expiry (unix seconds).
 * @typedef {{ cardId: string, keyVersion: number, expiresAt: number }} ParsedToken
 */

/**
 * What parse returns: the verified token, or why it was refused.
 * @typedef {(ParsedToken & { reason?: undefined })
 *   | { reason: 'token_malformed' | 'token_forged', cardId?: undefined }} ParseResult
 */

/**
 * Creates the secret file when missing; returns the secret.
 * @param {CoreApp} app `e.app` at bootstrap or `$app` (only its data dir is read)
 * @returns {string}
 */
function ensureSecret(app) {
	const path = app.dataDir() + '/' + SECRET_FILE;
	try {
		const existing = toString($os.readFile(path)).trim();
		if (existing.length >= 32) return existing;
	} catch (_) {
		// first start: no secret yet
	}
	const secret = $security.randomString(64);
	// goja turns the JS number into Go's os.FileMode (a uint32); the declarations model FileMode as
	// a Number with methods, which a number literal is not until then.
	$os.writeFile(path, secret, /** @type {os.FileMode} */ (/** @type {unknown} */ (0o600)));
	return secret;
}

/**
 * The server secret, read once per process and kept in the app store.
 * @returns {string}
 */
function secret() {
	return $app.store().getOrSet('tend.swapSecret', () => ensureSecret($app));
}

/**
 * base64url (no padding) of the bytes written as hex.
 * @param {string} hex
 * @returns {string}
 */
function hexToBase64url(hex) {
	let out = '';
	let bits = 0;
	let value = 0;
	for (let i = 0; i < hex.length; i += 2) {
		value = (value << 8) | parseInt(hex.substr(i, 2), 16);
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			out += B64URL[(value >> bits) & 63];
		}
		value &= (1 << bits) - 1;
	}
	if (bits > 0) out += B64URL[(value << (6 - bits)) & 63];
	return out;
}

/**
 * The 22-char signature of a token's first three parts.
 * @param {string} body `<cardId>.<keyVersion>.<expiry>`
 * @returns {string}
 */
function sign(body) {
	return hexToBase64url($security.hs256(body, secret()).substr(0, 32));
}

/**
 * Issues a token for a card. The expiry is exactly TOKEN_DAYS after issue, so a token tells when
 * it was issued (revocation and scannedAt are bound to that); the device keeps one for weeks.
 * @param {string} cardId
 * @param {number} keyVersion
 * @param {number} nowSeconds unix seconds
 * @returns {ParsedToken & { token: string }}
 */
function issue(cardId, keyVersion, nowSeconds) {
	// A whole-day expiry marks the tokens issued before this rule (see issuedAtOf): step past it.
	let expiresAt = nowSeconds + TOKEN_DAYS * 86400;
	if (expiresAt % 86400 === 0) expiresAt += 1;
	const body = cardId + '.' + keyVersion.toString(36) + '.' + expiresAt.toString(36);
	return { token: body + '.' + sign(body), cardId, keyVersion, expiresAt };
}

/**
 * Checks shape and signature only (expiry and key version need the card and the clock).
 * Returns { cardId, keyVersion, expiresAt } or { reason }.
 * @param {unknown} token as the client sent it: untyped JSON, anything but a Tend code is refused
 * @returns {ParseResult}
 */
function parse(token) {
	if (typeof token !== 'string' || token.length > MAX_TOKEN) return { reason: 'token_malformed' };
	const m = TOKEN_RE.exec(token);
	if (!m) return { reason: 'token_malformed' };
	const [, cardId = '', version = '', expiry = '', signature = ''] = m;
	const body = cardId + '.' + version + '.' + expiry;
	if (!$security.equal(sign(body), signature)) return { reason: 'token_forged' };
	return { cardId, keyVersion: parseInt(version, 36), expiresAt: parseInt(expiry, 36) };
}

/**
 * Whether a verified token is still usable: `scannedAt` (seconds) lets an offline scan made
 * before expiry through within the grace period. Returns '' or a reason.
 * @param {ParsedToken} parsed
 * @param {number} nowSeconds unix seconds
 * @param {number} [scannedAtSeconds] unix seconds, when the client says when it scanned
 * @returns {string}
 */
function expiryProblem(parsed, nowSeconds, scannedAtSeconds) {
	if (nowSeconds <= parsed.expiresAt) return '';
	if (scannedAtSeconds === undefined) return 'token_expired';
	if (scannedAtSeconds > parsed.expiresAt) return 'token_expired';
	if (nowSeconds > parsed.expiresAt + GRACE_SECONDS) return 'token_expired';
	return '';
}

/**
 * The earliest moment (unix seconds) a verified token can have been issued. Tokens issued before
 * exact expiries had a whole-day expiry (rounded up from issue + 30 days): the earliest is a day
 * more before it.
 * @param {ParsedToken} parsed
 * @returns {number}
 */
function issuedAtOf(parsed) {
	const days = parsed.expiresAt % 86400 === 0 ? TOKEN_DAYS + 1 : TOKEN_DAYS;
	return parsed.expiresAt - days * 86400;
}

module.exports = {
	ensureSecret,
	issuedAtOf,
	issue,
	parse,
	expiryProblem,
	sign,
	MAX_TOKEN,
	GRACE_SECONDS,
	CLOCK_SKEW_SECONDS
};
