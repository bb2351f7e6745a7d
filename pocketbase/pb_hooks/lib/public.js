// The anonymous side of a card: read by token, and the share-back of someone without the app.
const { failure, unknownKeys } = require(`${__hooks}/lib/http.js`);
const tokens = require(`${__hooks}/lib/tokens.js`);

/**
 * A failure as lib/http.js's failure() makes it.
 * @typedef {{
 *   isTendFailure: true,
 *   status: number,
 *   reason: string,
 *   message: string,
 *   extra: { [key: string]: unknown } | null
 * }} Failure
 */

/**
 * A JSON object body as lib/http.js objectBody reads it (null when not a JSON object): untyped
 * JSON from an anonymous device, narrowed here field by field.
 * @typedef {{ [key: string]: unknown } | null} Body
 */

/**
 * The card a token opens, or why not.
 * @typedef {{ failure: Failure, card?: undefined }
 *   | { card: core.Record, failure?: undefined }} CardFound
 */

/**
 * The event card a token opens (lib/levels.js snapshotOf, with its id), or why not.
 * @typedef {{ failure: Failure, card?: undefined }
 *   | { card: { [field: string]: unknown }, failure?: undefined }} PublicCard
 */

// PocketBase's own email check (is.EmailFormat: govalidator's pattern), rewritten without its
// ambiguous repetitions so that it runs in linear time here, and stricter in two ways: no quoted
// local part, and at most 64 characters before the @. An address this accepts, PocketBase accepts.
// U: the non-ASCII characters it allows (the Basic Multilingual Plane minus surrogates and a few
// non-characters; astral characters such as emoji are two surrogates here and so refused, as there).
const U = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF';
const ATOM = "[a-zA-Z0-9!#$%&'*+\\-/=?^_`{|}~" + U + ']+';
const ALNUM = '[a-zA-Z0-9' + U + ']';
const ALPHA = '[a-zA-Z' + U + ']';
// Its domain, `(label\.)+tld\.?` with dots allowed inside labels, is the same set as one label.
const EMAIL = new RegExp(
	'^' +
		ATOM +
		'(\\.' +
		ATOM +
		')*@' +
		ALNUM +
		'([a-zA-Z0-9._~\\-' +
		U +
		']*' +
		ALNUM +
		')?\\.' +
		ALPHA +
		'([a-zA-Z0-9_~\\-' +
		U +
		']*' +
		ALPHA +
		')?\\.?$'
);
const INVALID_EMAIL = 'Give a valid email address.';
/** Share-backs one card accepts per hour, whatever the IPs (spam towards one person). */
const PER_CARD_HOURLY = 30;

/**
 * The card a public token opens (strict: no grace for expired codes), or { failure }.
 * @param {core.App} app
 * @param {unknown} token as the body holds it (tokens.parse refuses anything but a Tend code)
 * @returns {CardFound}
 */
function cardForPublicToken(app, token) {
	const parsed = tokens.parse(token);
	if (parsed.reason === 'token_malformed')
		return { failure: failure(400, parsed.reason, 'This code is not a Tend code.') };
	if (parsed.reason)
		return { failure: failure(400, parsed.reason, 'This code was not issued by Tend.') };
	if (tokens.expiryProblem(parsed, Math.floor(Date.now() / 1000))) {
		return { failure: failure(400, 'token_expired', 'This code has expired.') };
	}
	let card = null;
	try {
		card = app.findRecordById('cards', parsed.cardId);
	} catch (_) {
		return { failure: failure(404, 'card_missing', 'This card no longer exists.') };
	}
	if (card.getInt('keyVersion') !== parsed.keyVersion) {
		return {
			failure: failure(400, 'token_rotated', 'Its owner replaced this code with a new one.')
		};
	}
	return { card };
}

/**
 * The event card a `{ token }` body opens, as `{ card }` (its id included), or { failure }.
 * @param {core.App} app
 * @param {Body} body
 * @returns {PublicCard}
 */
function publicCard(app, body) {
	if (!body) return { failure: failure(400, 'invalid', 'Send a JSON object.') };
	if (unknownKeys(body, ['token']).length)
		return { failure: failure(400, 'invalid', 'Unknown field.') };
	const found = cardForPublicToken(app, body.token);
	if (found.failure) return found;
	const { snapshotOf } = require(`${__hooks}/lib/levels.js`);
	const card = snapshotOf(found.card, 'event');
	card.id = found.card.id;
	return { card };
}

/**
 * Validates and stores a share-back; returns {} or { failure }.
 * @param {core.App} app
 * @param {Body} body
 * @returns {{ failure?: Failure }}
 */
function shareBack(app, body) {
	if (!body) return { failure: failure(400, 'invalid', 'Send a JSON object.') };
	if (typeof body.token !== 'string' || body.token.length > tokens.MAX_TOKEN) {
		return { failure: failure(400, 'token_malformed', 'This code is not a Tend code.') };
	}
	if (unknownKeys(body, ['token', 'name', 'email', 'note']).length)
		return { failure: failure(400, 'invalid', 'Unknown field.') };
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	const email = typeof body.email === 'string' ? body.email.trim() : '';
	const note = body.note === undefined || body.note === null ? '' : body.note;
	if (!name || name.length > 80)
		return {
			failure: failure(400, 'invalid', 'Give a name of 1 to 80 characters.', { field: 'name' })
		};
	if (email.length > 254 || (email.split('@')[0] ?? '').length > 64 || !EMAIL.test(email))
		return { failure: failure(400, 'invalid', INVALID_EMAIL, { field: 'email' }) };
	if (typeof note !== 'string' || note.length > 500)
		return { failure: failure(400, 'invalid', 'The note is too long.', { field: 'note' }) };
	const found = cardForPublicToken(app, body.token);
	if (found.failure) return found;
	const since = new Date(Date.now() - 3600 * 1000).toISOString().replace('T', ' ');
	const recent = app.countRecords(
		'share_backs',
		$dbx.exp('card = {:c} AND created > {:s}', { c: found.card.id, s: since })
	);
	if (recent >= PER_CARD_HOURLY)
		return {
			failure: failure(429, 'rate_limited', 'This card has received many replies: try later.')
		};
	const record = new Record(app.findCachedCollectionByNameOrId('share_backs'));
	record.set('card', found.card.id);
	record.set('name', name);
	record.set('email', email);
	record.set('note', note);
	try {
		app.save(record);
	} catch (err) {
		// Should PocketBase's field rules ever refuse what the checks above let through, say which.
		const fields = validationFieldsOf(err);
		if (!fields) throw err;
		if (fields.email)
			return { failure: failure(400, 'invalid', INVALID_EMAIL, { field: 'email' }) };
		if (fields.card)
			return { failure: failure(404, 'card_missing', 'This card no longer exists.') };
		const field = Object.keys(fields)[0];
		return { failure: failure(400, 'invalid', 'Check the ' + field + '.', { field }) };
	}
	return {};
}

/**
 * The field errors of a failed save ({ email: "must be a valid email address" }), or null.
 * @param {unknown} err what the save threw (a Go error carries its field errors in `value`)
 * @returns {{ [field: string]: string } | null}
 */
function validationFieldsOf(err) {
	let fields = null;
	try {
		fields = JSON.parse(JSON.stringify(err && /** @type {{ value?: unknown }} */ (err).value));
	} catch (_) {
		return null;
	}
	if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null;
	const keys = Object.keys(fields);
	if (!keys.length || keys.some((k) => typeof fields[k] !== 'string')) return null;
	return fields;
}

module.exports = { cardForPublicToken, publicCard, shareBack };
