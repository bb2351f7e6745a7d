// The mutual swap. Invariant: a verified swap creates, in ONE transaction, the scanner's
// connection to the card, the card owner's connection to the scanner's card, a "met" interaction
// on each side and the swap record (whose client id makes replays harmless); a refused swap
// writes nothing. Owners always come from the auth record, never from the body.
const { failure, ID } = require(`${__hooks}/lib/http.js`);
const tokens = require(`${__hooks}/lib/tokens.js`);
const { snapshotOf } = require(`${__hooks}/lib/levels.js`);
const { cardOf, findById } = require(`${__hooks}/lib/records.js`);

const BODY_KEYS = ['id', 'connectionId', 'token', 'event', 'peerEvent', 'scannedAt', 'note'];
const MAX_NOTE = 500;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A route failure (lib/http.js failure()).
 * @typedef {{
 *   isTendFailure: true,
 *   status: number,
 *   reason: string,
 *   message: string,
 *   extra: { [key: string]: unknown } | null
 * }} Failure
 */

/** @typedef {{ failure: Failure }} Failed A refused swap (or step of one). */

/**
 * A swap body once validated: ids, the token, the events ('' for none), the note, and when it
 * was scanned (unix seconds, and as an ISO string).
 * @typedef {{
 *   id: string,
 *   connectionId: string,
 *   token: string,
 *   event: string,
 *   peerEvent: string,
 *   note: string,
 *   scannedAt: number,
 *   scannedAtIso: string
 * }} SwapInput
 */

/**
 * A swap row as the route answers it after a new swap (the stored record's fields).
 * @typedef {{
 *   collectionName: 'swaps',
 *   id: string,
 *   owner: string,
 *   card: string,
 *   event: string,
 *   scannedAt: string,
 *   connection: string,
 *   peerConnection: string
 * }} SwapJson
 */

/**
 * A swap done: the swap (the stored record for a replay), the scanner's connection (null when a
 * replayed swap's connection is gone) and whether this request made it.
 * @typedef {{
 *   swap: core.Record | SwapJson,
 *   connection: core.Record | null,
 *   isNew: boolean,
 *   failure?: undefined
 * }} SwapResult
 */

/**
 * A verified token: the scanned card, the scanner's own card, and when the code was issued at the
 * earliest (unix seconds).
 * @typedef {{
 *   card: core.Record,
 *   scannerCard: core.Record,
 *   issuedAt: number,
 *   failure?: undefined
 * }} Verified
 */

/**
 * One side's connection for a swap: whether it is new and whether it needs saving.
 * @typedef {{ record: core.Record, isNew: boolean, isDirty: boolean, failure?: undefined }} ConnectionFound
 */

/**
 * The rows insertRest writes: the two "met" interactions and the swap, all at `at` (stored
 * datetime format).
 * @typedef {{
 *   at: string,
 *   mets: { id: string, owner: string, text: string, connection: string }[],
 *   swap: {
 *     id: string,
 *     owner: string,
 *     card: string,
 *     event: string,
 *     connection: string,
 *     peer: string
 *   }
 * }} SwapRows
 */

/**
 * Validates a swap body; returns { value } or { failure }. Token length is checked first.
 * @param {{ [key: string]: unknown } | null} body lib/http.js objectBody: untyped JSON from the device
 * @param {number} nowSeconds unix seconds
 * @returns {{ value: SwapInput, failure?: undefined } | Failed}
 */
function validate(body, nowSeconds) {
	if (!body) return { failure: failure(400, 'invalid', 'The swap must be a JSON object.') };
	if (typeof body.token !== 'string' || body.token.length > tokens.MAX_TOKEN) {
		return { failure: failure(400, 'token_malformed', 'This code is not a Tend code.') };
	}
	for (const k of Object.keys(body)) {
		if (BODY_KEYS.indexOf(k) < 0)
			return { failure: failure(400, 'invalid', 'Unknown field: ' + k.slice(0, 40)) };
	}
	if (typeof body.id !== 'string' || !ID.test(body.id))
		return { failure: failure(400, 'invalid', 'Bad swap id.') };
	if (typeof body.connectionId !== 'string' || !ID.test(body.connectionId)) {
		return { failure: failure(400, 'invalid', 'Bad connection id.') };
	}
	const event = body.event === undefined || body.event === null ? '' : body.event;
	if (event !== '' && (typeof event !== 'string' || !ID.test(event))) {
		return { failure: failure(400, 'invalid', 'Bad event id.') };
	}
	const peerEvent = body.peerEvent === undefined || body.peerEvent === null ? '' : body.peerEvent;
	if (peerEvent !== '' && (typeof peerEvent !== 'string' || !ID.test(peerEvent))) {
		return { failure: failure(400, 'invalid', 'Bad peerEvent id.') };
	}
	const note = body.note === undefined || body.note === null ? '' : body.note;
	if (typeof note !== 'string' || note.length > MAX_NOTE)
		return { failure: failure(400, 'invalid', 'Note too long.') };
	const ms =
		typeof body.scannedAt === 'string' && body.scannedAt.length <= 40
			? Date.parse(body.scannedAt)
			: NaN;
	if (isNaN(ms)) return { failure: failure(400, 'invalid', 'Bad scannedAt.') };
	const scannedAt = Math.floor(ms / 1000);
	// The lower bound (not before the code was issued) is checked with the token, in verify.
	if (scannedAt > nowSeconds + tokens.CLOCK_SKEW_SECONDS) {
		return { failure: failure(400, 'invalid', 'scannedAt is in the future.') };
	}
	return {
		value: {
			id: body.id,
			connectionId: body.connectionId,
			token: body.token,
			event,
			peerEvent,
			note,
			scannedAt,
			scannedAtIso: new Date(ms).toISOString()
		}
	};
}

/**
 * When a swap with this id already exists: its stored result for the same user (a replay: checked
 * only when this attempt cannot go through, so the common path reads nothing extra), a failure
 * for anyone else; null when there is none.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {string} id the swap's id
 * @returns {SwapResult | Failed | null}
 */
function replayOf(app, user, id) {
	const earlier = findById(app, 'swaps', id);
	if (!earlier) return null;
	if (earlier.getString('owner') !== user.id)
		return { failure: failure(409, 'invalid', 'That swap id is taken.') };
	return replayResult(app, earlier);
}

/**
 * The stored result of an earlier swap, for a replay.
 * @param {core.App} app
 * @param {core.Record} swap
 * @returns {SwapResult}
 */
function replayResult(app, swap) {
	const connection = swap.getString('connection')
		? findById(app, 'connections', swap.getString('connection'))
		: null;
	return { swap, connection, isNew: false };
}

/**
 * Verifies the token against the card; returns { card, scannerCard } or { failure }.
 * @param {core.App} app
 * @param {core.Record} user the scanner
 * @param {SwapInput} v
 * @param {number} nowSeconds unix seconds
 * @returns {Verified | Failed}
 */
function verify(app, user, v, nowSeconds) {
	const parsed = tokens.parse(v.token);
	if (parsed.reason === 'token_malformed')
		return { failure: failure(400, parsed.reason, 'This code is not a Tend code.') };
	if (parsed.reason)
		return { failure: failure(400, parsed.reason, 'This code was not issued by Tend.') };
	const issuedAt = tokens.issuedAtOf(parsed);
	if (v.scannedAt < issuedAt - tokens.CLOCK_SKEW_SECONDS) {
		return { failure: failure(400, 'invalid', 'scannedAt is before this code was issued.') };
	}
	if (tokens.expiryProblem(parsed, nowSeconds, v.scannedAt)) {
		return {
			failure: failure(400, 'token_expired', 'This code has expired: ask for a fresh one.')
		};
	}
	// One query for both cards: the scanned one and the scanner's own.
	const cards = arrayOf(new Record());
	app
		.recordQuery('cards')
		.andWhere($dbx.or($dbx.hashExp({ id: parsed.cardId }), $dbx.hashExp({ owner: user.id })))
		.limit(2)
		.all(cards);
	const card = cards.find((c) => c.id === parsed.cardId);
	if (!card) return { failure: failure(404, 'card_missing', 'This card no longer exists.') };
	if (card.getInt('keyVersion') !== parsed.keyVersion) {
		return {
			failure: failure(400, 'token_rotated', 'Its owner replaced this code with a new one.')
		};
	}
	if (card.getString('owner') === user.id)
		return { failure: failure(400, 'self_swap', 'That is your own card.') };
	const scannerCard = cards.find((c) => c.getString('owner') === user.id);
	if (!scannerCard)
		return { failure: failure(409, 'no_card', 'Make your own card first: a swap is mutual.') };
	return { card, scannerCard, issuedAt };
}

/**
 * Unix milliseconds of a PocketBase datetime string, or NaN.
 * @param {string} dbDateText
 * @returns {number}
 */
function msOf(dbDateText) {
	return Date.parse(String(dbDateText).replace(' ', 'T'));
}

/**
 * A revoked holder reconnects only with a code issued after the revocation (its owner showed it
 * again); an older code they kept is refused. Returns a failure or null.
 * @param {core.Record[]} found the connections connectionRows found
 * @param {core.Record} user the scanner
 * @param {core.Record} card the scanned card
 * @param {number} issuedAt unix seconds, the earliest the code can have been issued
 * @returns {Failure | null}
 */
function revocationProblem(found, user, card, issuedAt) {
	const revoked = found.find(
		(r) =>
			r.getString('card') === card.id && r.getString('owner') === user.id && r.getBool('revoked')
	);
	if (!revoked) return null;
	// issuedAt counts whole seconds from below: only a later second is surely after the revocation.
	const revokedAtMs = msOf(revoked.getString('revokedAt'));
	if (!isNaN(revokedAtMs) && issuedAt * 1000 > revokedAtMs) return null;
	return failure(
		403,
		'revoked',
		'They stopped sharing their card with you. Only a code they show you again reconnects you.'
	);
}

/**
 * Finds or prepares `owner`'s connection to `card`. A connection the device already pushed with
 * `preferredId` (no card yet, not a tombstone) is adopted. `found` holds the candidates (see connectionRows).
 * A new connection is filed under `eventId` (checked by the caller: the owner's own event, or '').
 * Returns { record, isNew, isDirty } or { failure }.
 * @param {core.Record[]} found
 * @param {string} owner the user id the connection belongs to
 * @param {core.Record} card the card it is a connection to
 * @param {string} preferredId the device's id for it, or ''
 * @param {SwapInput} v
 * @param {string} eventId
 * @param {core.Collection} connections
 * @returns {ConnectionFound | Failed}
 */
function connectionFor(found, owner, card, preferredId, v, eventId, connections) {
	const existing = found.find(
		(r) => r.getString('card') === card.id && r.getString('owner') === owner
	);
	if (existing) {
		const wasRevoked = existing.getBool('revoked');
		if (wasRevoked) {
			// Swapping again after a revocation (revocationProblem checked the code) is a swap like
			// a first one: the event card as it is now, whatever level they had before.
			existing.set('revoked', false);
			existing.set('level', 'event');
			existing.set('snapshot', snapshotOf(card, 'event'));
		}
		return { record: existing, isNew: false, isDirty: wasRevoked };
	}
	let record = found.find((r) => r.id === preferredId) || null;
	if (record && record.getString('owner') === owner && record.getString('deleted')) {
		// A person I forgot stays forgotten: this swap makes a fresh connection (the device adopts
		// its id), never brings the tombstone back.
		record = null;
		preferredId = '';
	}
	if (record && (record.getString('owner') !== owner || record.getString('card'))) {
		return { failure: failure(409, 'invalid', 'That connection id is taken.') };
	}
	const isNew = !record;
	if (!record) {
		record = new Record(connections);
		// An id now, not at save time: the interactions and the swap name it in the same transaction.
		record.set('id', preferredId || $security.randomStringWithAlphabet(15, ALPHABET));
		record.set('owner', owner);
		record.set('channel', 'in_person');
		record.set('tags', []);
		record.set('needsNote', true);
		record.set('metAt', v.scannedAtIso);
		if (eventId) record.set('event', eventId);
	}
	record.set('card', card.id);
	record.set('level', 'event');
	record.set('revoked', false);
	record.set('snapshot', snapshotOf(card, 'event'));
	return { record, isNew, isDirty: true };
}

/**
 * One query for both sides' existing connections and a record already holding `preferredId`.
 * @param {core.App} app
 * @param {core.Record} user the scanner
 * @param {core.Record} card the scanned card
 * @param {core.Record} scannerCard
 * @param {string} preferredId
 * @returns {core.Record[]}
 */
function connectionRows(app, user, card, scannerCard, preferredId) {
	const found = arrayOf(new Record());
	app
		.recordQuery('connections')
		.andWhere(
			$dbx.or(
				$dbx.hashExp({ owner: user.id, card: card.id }),
				$dbx.hashExp({ owner: card.getString('owner'), card: scannerCard.id }),
				$dbx.hashExp({ id: preferredId })
			)
		)
		.limit(3)
		.all(found);
	return found;
}

/**
 * PocketBase's stored datetime format ("2006-01-02 15:04:05.000Z").
 * @param {string} iso
 * @returns {string}
 */
function dbDate(iso) {
	return iso.replace('T', ' ');
}

/**
 * Inserts the two "met" interactions and the swap row with plain SQL inside the transaction:
 * they are server-built (nothing to validate) and this keeps SQLite's single writer free sooner
 * (see scripts/bench-swaps.js). They reach devices by pull (`updated >= cursor`), not realtime.
 * @param {core.App} tx the transaction's app
 * @param {SwapRows} rows
 */
function insertRest(tx, rows) {
	const now = dbDate(new Date().toISOString());
	const db = tx.db();
	for (const m of rows.mets) {
		db.newQuery(
			'INSERT INTO interactions (id, owner, kind, text, at, people, created, updated) ' +
				"VALUES ({:id}, {:owner}, 'met', {:text}, {:at}, {:people}, {:now}, {:now})"
		)
			.bind({
				id: m.id,
				owner: m.owner,
				text: m.text,
				at: rows.at,
				people: JSON.stringify([m.connection]),
				now
			})
			.execute();
	}
	const s = rows.swap;
	db.newQuery(
		'INSERT INTO swaps (id, owner, card, event, scannedAt, connection, peerConnection, created, updated) ' +
			'VALUES ({:id}, {:owner}, {:card}, {:event}, {:at}, {:connection}, {:peer}, {:now}, {:now})'
	)
		.bind({
			id: s.id,
			owner: s.owner,
			card: s.card,
			event: s.event,
			at: rows.at,
			connection: s.connection,
			peer: s.peer,
			now
		})
		.execute();
}

/**
 * Runs a validated swap for `user`; returns { swap, connection, isNew } or { failure }.
 * @param {core.App} app
 * @param {core.Record} user the scanner
 * @param {SwapInput} v
 * @param {number} nowSeconds unix seconds
 * @returns {SwapResult | Failed}
 */
function perform(app, user, v, nowSeconds) {
	const checked = verify(app, user, v, nowSeconds);
	if (checked.failure) return replayOf(app, user, v.id) || checked;
	const { card, scannerCard } = checked;
	const owner = card.getString('owner');
	// Each side's connection goes under that side's own event, only if they belong to it.
	const { usableEvent } = require(`${__hooks}/lib/events.js`);
	v.event = usableEvent(app, user.id, v.event);
	const peerEvent = usableEvent(app, owner, v.peerEvent);
	const connections = app.findCachedCollectionByNameOrId('connections');
	const found = connectionRows(app, user, card, scannerCard, v.connectionId);
	const revoked = revocationProblem(found, user, card, checked.issuedAt);
	if (revoked) return replayOf(app, user, v.id) || { failure: revoked };
	const mine = connectionFor(found, user.id, card, v.connectionId, v, v.event, connections);
	if (mine.failure) return replayOf(app, user, v.id) || mine;
	const theirs = connectionFor(found, owner, scannerCard, '', v, peerEvent, connections);
	if (theirs.failure) return theirs;

	const mets = [
		{
			id: $security.randomStringWithAlphabet(15, ALPHABET),
			owner: user.id,
			text: v.note,
			connection: mine.record.id
		},
		{
			id: $security.randomStringWithAlphabet(15, ALPHABET),
			owner,
			text: '',
			connection: theirs.record.id
		}
	];
	const rows = {
		at: dbDate(v.scannedAtIso),
		mets,
		swap: {
			id: v.id,
			owner: user.id,
			card: card.id,
			event: v.event,
			connection: mine.record.id,
			peer: theirs.record.id
		}
	};
	try {
		app.runInTransaction((tx) => {
			if (mine.isDirty) tx.saveNoValidate(mine.record);
			if (theirs.isDirty) tx.saveNoValidate(theirs.record);
			insertRest(tx, rows); // the swap row last: a replayed id fails here and rolls back all
		});
	} catch (err) {
		const replay = replayOf(app, user, v.id);
		if (replay) return replay;
		throw err;
	}
	/** @type {SwapJson} */
	const swap = {
		collectionName: 'swaps',
		id: v.id,
		owner: user.id,
		card: card.id,
		event: v.event,
		scannedAt: rows.at,
		connection: mine.record.id,
		peerConnection: theirs.record.id
	};
	return { swap, connection: mine.record, isNew: mine.isNew };
}

/**
 * `perform`, tried once more when it throws: a concurrent swap of the same pair or a replay racing
 * this one makes the first attempt fail on a unique index, and the retry then sees it.
 * @param {core.App} app
 * @param {core.Record} user the scanner
 * @param {SwapInput} v
 * @param {number} nowSeconds unix seconds
 * @returns {SwapResult | Failed}
 */
function performRetrying(app, user, v, nowSeconds) {
	try {
		return perform(app, user, v, nowSeconds);
	} catch (_) {
		return perform(app, user, v, nowSeconds);
	}
}

/**
 * The signed-in person's swap token; with `rotate`, after moving their card to its next key
 * version (every token issued before stops working).
 * @param {core.App} app
 * @param {core.Record} user
 * @param {number} nowSeconds unix seconds
 * @param {boolean} rotate
 * @returns {Failed | { value: ReturnType<typeof tokens.issue>, failure?: undefined }}
 */
function myToken(app, user, nowSeconds, rotate) {
	const card = cardOf(app, user.id);
	if (!card) return { failure: failure(404, 'card_missing', 'Make your card first.') };
	let keyVersion = card.getInt('keyVersion') || 1;
	if (rotate) {
		keyVersion += 1;
		card.set('keyVersion', keyVersion);
		app.save(card);
	}
	return { value: tokens.issue(card.id, keyVersion, nowSeconds) };
}

/**
 * GET /api/tend/token (rotate false) and POST /api/tend/token/rotate (true): my code's token.
 * @param {core.RequestEvent} e
 * @param {boolean} rotate
 */
function tokenRoute(e, rotate) {
	const { sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const token = myToken(e.app, user, Math.floor(Date.now() / 1000), rotate);
	if (token.failure) return sendFailure(e, token.failure);
	return e.json(200, token.value);
}

/**
 * POST /api/tend/swaps: the mutual swap (docs/protocol.md), checked, rate limited per user, and
 * made exactly once.
 * @param {core.RequestEvent} e
 */
function swapRoute(e) {
	const { sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
	const rate = require(`${__hooks}/lib/rate.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const now = Math.floor(Date.now() / 1000);
	const checked = validate(objectBody(e), now);
	if (checked.failure) return sendFailure(e, checked.failure);
	const retryAfter = rate.hit(user.id, rate.SWAP_LIMITS, now);
	if (retryAfter > 0) {
		return sendFailure(
			e,
			failure(429, 'rate_limited', 'Too many swaps: try again later.', { retryAfter })
		);
	}
	const result = performRetrying(e.app, user, checked.value, now);
	if (result.failure) return sendFailure(e, result.failure);
	if (result.connection) result.connection.unhide('card', 'event');
	return e.json(200, { swap: result.swap, connection: result.connection, isNew: result.isNew });
}

module.exports = { validate, perform, performRetrying, myToken, tokenRoute, swapRoute };
