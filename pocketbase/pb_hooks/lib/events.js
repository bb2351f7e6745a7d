// Events: joining by code, leaving, the organiser's totals, and filing a connection under an event.
// Invariants:
// - membership is one event_members row per member and event (unique), written only here; the
//   organiser is never a member row (they see their event as its organiser);
// - a join-code guess is counted per user and per IP BEFORE the lookup and taken back when the code
//   turns out right (lib/rate.js JOIN_LIMITS, JOIN_IP_LIMITS): only failed lookups stay counted, a
//   spent budget cannot keep guessing, parallel guesses cannot slip through, and a venue NAT full of
//   phones joining with the right code is never held back;
// - totals are counts computed in SQL, each null below THRESHOLD: never a name, an id or a pair.
const { failure, sendFailure, userOf, objectBody, unknownKeys, ID } = require(
	`${__hooks}/lib/http.js`
);
const rate = require(`${__hooks}/lib/rate.js`);

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

/** Totals below this show as null ("fewer than 5"). */
const THRESHOLD = 5;
/** A join code as stored (the events.joinCode field's pattern). */
const JOIN_CODE = /^[A-Z0-9]{6,12}$/;
/** What a person may type between the characters of a code: spaces and dashes (typographic too). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/g;
/** The value a body's `event` keeps when the body has none (no JSON string can be it). */
const UNSET = '\u0000unset';

/**
 * The join code in `raw` (trimmed, uppercased, spaces and dashes dropped), or '' if it is none.
 * @param {unknown} raw the body's `code`, untyped JSON from the client
 * @returns {string}
 */
function normaliseCode(raw) {
	if (typeof raw !== 'string' || raw.length > 64) return '';
	const code = raw.replace(SEPARATORS, '').toUpperCase();
	return JOIN_CODE.test(code) ? code : '';
}

/**
 * Whether `userId` organises event `eventId` or is a member of it (one indexed query).
 * @param {core.App} app
 * @param {string} userId
 * @param {string} eventId
 * @returns {boolean}
 */
function belongsTo(app, userId, eventId) {
	if (!userId || !eventId) return false;
	const row = new DynamicModel({ n: 0 });
	app
		.db()
		.newQuery(
			`SELECT COUNT(*) AS n FROM events ev WHERE ev.id = {:event} AND (ev.organiser = {:user}
				OR EXISTS (SELECT 1 FROM event_members m WHERE m.event = ev.id AND m.user = {:user}))`
		)
		.bind({ event: eventId, user: userId })
		.one(row);
	return row.n > 0;
}

/**
 * `eventId` when `userId` organises it or is a member, else '' (a swap never fails on it).
 * @param {core.App} app
 * @param {string} userId
 * @param {string} eventId
 * @returns {string}
 */
function usableEvent(app, userId, eventId) {
	return eventId && belongsTo(app, userId, eventId) ? eventId : '';
}

/**
 * The client IP of a request when the settings' per-IP limits apply to it (on, IP not excluded),
 * else '' (the join's per-IP budget follows the same switch as every per-IP limit).
 * @param {core.RequestEvent} e
 * @returns {string}
 */
function limitedIpOf(e) {
	const limits = e.app.settings().rateLimits;
	const ip = e.realIP();
	return limits.enabled && !rate.isExcludedIp(ip, limits.excludedIPs) ? ip : '';
}

/**
 * The 429 of a spent guessing budget.
 * @param {number} retryAfter
 * @returns {Failure}
 */
function rateLimited(retryAfter) {
	return failure(429, 'rate_limited', 'Too many wrong codes: try again later.', { retryAfter });
}

/**
 * Joins `user` to the event whose code is `code` (normalised). `ip` is the client IP when per-IP
 * limits apply to it, else ''. Returns { event, isNew } or { failure }.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {string} code
 * @param {string} ip
 * @param {number} nowSeconds
 * @returns {{ event: core.Record, isNew: boolean } | { failure: Failure }}
 */
function join(app, user, code, ip, nowSeconds) {
	const { findFirst } = require(`${__hooks}/lib/records.js`);
	const store = app.store();
	let retryAfter = rate.hitIn(store, user.id, rate.JOIN_LIMITS, nowSeconds);
	if (retryAfter > 0) return { failure: rateLimited(retryAfter) };
	if (ip) {
		retryAfter = rate.hitIn(store, ip, rate.JOIN_IP_LIMITS, nowSeconds);
		if (retryAfter > 0) {
			rate.undoIn(store, user.id, rate.JOIN_LIMITS, nowSeconds); // no lookup was made
			return { failure: rateLimited(retryAfter) };
		}
	}
	const event = /** @type {core.Record | null} */ (findFirst(app, 'events', { joinCode: code }));
	if (!event) return { failure: failure(404, 'not_found', 'No event has that code.') };
	// The code was right: this was no guess.
	rate.undoIn(store, user.id, rate.JOIN_LIMITS, nowSeconds);
	if (ip) rate.undoIn(store, ip, rate.JOIN_IP_LIMITS, nowSeconds);

	if (event.getString('organiser') === user.id) return { event, isNew: false };
	if (findFirst(app, 'event_members', { event: event.id, user: user.id })) {
		return { event, isNew: false };
	}
	if (event.getBool('joiningClosed')) {
		return { failure: failure(409, 'closed', 'Joining this event is closed.') };
	}
	const member = new Record(app.findCachedCollectionByNameOrId('event_members'));
	member.set('event', event.id);
	member.set('user', user.id);
	try {
		app.save(member);
	} catch (err) {
		// The same person joining twice at once: the unique index let one through.
		if (findFirst(app, 'event_members', { event: event.id, user: user.id })) {
			return { event, isNew: false };
		}
		throw err;
	}
	return { event, isNew: true };
}

/**
 * Takes `user` out of event `eventId`. Returns { left: true } or { failure }.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {string} eventId
 * @returns {{ left: true } | { failure: Failure }}
 */
function leave(app, user, eventId) {
	const { findById, findFirst } = require(`${__hooks}/lib/records.js`);
	const event = /** @type {core.Record | null} */ (findById(app, 'events', eventId));
	if (event && event.getString('organiser') === user.id) {
		return {
			failure: failure(409, 'organiser', 'You organise this event: delete it instead.')
		};
	}
	const member = event
		? /** @type {core.Record | null} */ (
				findFirst(app, 'event_members', { event: eventId, user: user.id })
			)
		: null;
	if (!member) return { failure: failure(404, 'not_found', 'You are not a member of that event.') };
	app.delete(member);
	return { left: true };
}

/**
 * `count`, or null when it is below THRESHOLD.
 * @param {number} count
 * @returns {number | null}
 */
function atLeastThreshold(count) {
	return count >= THRESHOLD ? count : null;
}

/**
 * The organiser's totals of event `eventId`: members, swaps filed under it, and the shares of the
 * connections filed under it that have a memory note or were followed up. Returns the totals or
 * { failure } (404 unknown event, 403 not its organiser).
 * @param {core.App} app
 * @param {core.Record} user
 * @param {string} eventId
 */
function totals(app, user, eventId) {
	const { findById } = require(`${__hooks}/lib/records.js`);
	const event = /** @type {core.Record | null} */ (findById(app, 'events', eventId));
	if (!event) return { failure: failure(404, 'not_found', 'No such event.') };
	if (event.getString('organiser') !== user.id) {
		return { failure: failure(403, 'forbidden', 'Only its organiser sees these totals.') };
	}
	const counts = new DynamicModel({ joined: 0, swaps: 0, filed: 0, noted: 0, followedUp: 0 });
	// `!= ''` terms let SQLite use the partial indexes of 1765152000_updated_events_membership.
	app
		.db()
		.newQuery(
			`SELECT
				(SELECT COUNT(*) FROM event_members m WHERE m.event = {:event}) AS joined,
				(SELECT COUNT(*) FROM swaps s WHERE s.event = {:event} AND s.event != '') AS swaps,
				COUNT(*) AS filed,
				COALESCE(SUM(c.memoryNote != ''), 0) AS noted,
				COALESCE(SUM(EXISTS (
					SELECT 1 FROM interactions i,
						json_each(CASE WHEN json_valid(i.people) THEN i.people ELSE '[]' END) p
					WHERE i.owner = c.owner AND i.kind != 'met' AND i.kind != 'note' AND i.deleted = ''
						AND i.at >= c.metAt AND p.value = c.id
				)), 0) AS followedUp
			FROM connections c
			WHERE c.event = {:event} AND c.event != '' AND c.deleted = ''`
		)
		.bind({ event: eventId })
		.one(counts);
	const hasShares = counts.filed >= THRESHOLD;
	return {
		joined: atLeastThreshold(counts.joined),
		swaps: atLeastThreshold(counts.swaps),
		notedShare: hasShares ? counts.noted / counts.filed : null,
		followedUpShare: hasShares ? counts.followedUp / counts.filed : null,
		threshold: THRESHOLD
	};
}

/**
 * The `event` a record request's body names ('' clears it), or UNSET; throws on a non-string.
 * @param {core.RequestEvent} e
 * @returns {unknown} what the client sent, untyped JSON (checked by the caller)
 */
function bodyEvent(e) {
	const body = new DynamicModel({ event: UNSET });
	e.bindBody(body); // the raw body: the records API drops hidden fields from requestInfo()
	return body.event;
}

/** The 400 of a connection filed under an event that is not the owner's. */
function notYourEvent() {
	return new BadRequestError('Invalid connection.', {
		event: new ValidationError(
			'validation_not_your_event',
			'Only an event you organise or joined (or none).'
		)
	});
}

/**
 * onRecordUpdateRequest (connections): the owner may file their connection under another event
 * ('' or one they organise or joined); `event` is hidden, so the records API would drop it. Only
 * a changed value is checked (a whole-record resend of the same event passes). Tombstones are
 * left to lib/tombstones.js.
 * @param {core.RecordRequestEvent} e (an update request's event always carries its record)
 */
function fileConnectionUnderEvent(e) {
	const original = /** @type {core.Record} */ (e.record).original();
	if (
		e.hasSuperuserAuth() ||
		original.getString('deleted') ||
		/** @type {core.Record} */ (e.record).getString('deleted')
	) {
		return e.next();
	}
	let wanted;
	try {
		wanted = bodyEvent(e);
	} catch (_) {
		throw notYourEvent(); // not a string
	}
	if (wanted === UNSET || wanted === original.getString('event')) return e.next();
	if (wanted !== '') {
		const owner = /** @type {core.Record} */ (e.record).getString('owner');
		if (typeof wanted !== 'string' || !ID.test(wanted) || !belongsTo(e.app, owner, wanted)) {
			throw notYourEvent();
		}
	}
	/** @type {core.Record} */ (e.record).set('event', wanted);
	e.next();
}

/** Join codes: 8 characters without look-alikes (no 0/O, 1/I/L). */
const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * onRecordCreateRequest (events): the join code is the server's choice and the organiser the
 * signed-in user, never the body's (a chosen code would tell, by "not unique", which exist).
 * @param {core.RecordRequestEvent} e
 */
function prepareNewEvent(e) {
	const record = /** @type {core.Record} */ (e.record);
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = $security.randomStringWithAlphabet(8, JOIN_ALPHABET);
		if (e.app.countRecords('events', $dbx.hashExp({ joinCode: code })) === 0) {
			record.set('joinCode', code);
			break;
		}
	}
	require(`${__hooks}/lib/records.js`).setOwnerFromAuth(e, 'organiser');
}

/**
 * onRecordEnrich (events): the organiser sees that they organise it; to members they stay hidden.
 * @param {core.RecordEnrichEvent} e
 */
function enrichEvent(e) {
	const record = /** @type {core.Record} */ (e.record);
	const auth = e.requestInfo && e.requestInfo.auth;
	if (auth && (auth.isSuperuser() || auth.id === record.getString('organiser'))) {
		record.unhide('organiser');
	}
	e.next();
}

/**
 * POST /api/tend/events/join { code }: joins the event with that code.
 * @param {core.RequestEvent} e
 */
function joinRoute(e) {
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const body = objectBody(e);
	if (!body || unknownKeys(body, ['code']).length) {
		return sendFailure(e, failure(400, 'invalid', 'Send { code }.'));
	}
	const code = normaliseCode(body.code);
	if (!code) return sendFailure(e, failure(400, 'invalid', 'That is not a join code.'));
	const result = join(e.app, user, code, limitedIpOf(e), Math.floor(Date.now() / 1000));
	if ('failure' in result) {
		const { extra, status } = result.failure;
		if (status === 429) e.response.header().set('Retry-After', String(extra && extra.retryAfter));
		return sendFailure(e, result.failure);
	}
	$apis.enrichRecord(e, result.event);
	return e.json(200, { event: result.event, isNew: result.isNew });
}

/**
 * POST /api/tend/events/leave { event }: leaves that event.
 * @param {core.RequestEvent} e
 */
function leaveRoute(e) {
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const body = objectBody(e);
	if (!body || unknownKeys(body, ['event']).length || typeof body.event !== 'string') {
		return sendFailure(e, failure(400, 'invalid', 'Send { event }.'));
	}
	if (!ID.test(body.event)) return sendFailure(e, failure(400, 'invalid', 'Bad event id.'));
	const result = leave(e.app, user, body.event);
	if ('failure' in result) return sendFailure(e, result.failure);
	return e.json(200, result);
}

/**
 * GET /api/tend/events/{id}/totals: the organiser's anonymous totals.
 * @param {core.RequestEvent} e
 */
function totalsRoute(e) {
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const id = /** @type {http.Request} */ (e.request).pathValue('id');
	if (!ID.test(id)) return sendFailure(e, failure(404, 'not_found', 'No such event.'));
	const result = totals(e.app, user, id);
	if (result.failure) return sendFailure(e, result.failure);
	return e.json(200, result);
}

module.exports = {
	THRESHOLD,
	normaliseCode,
	belongsTo,
	usableEvent,
	limitedIpOf,
	join,
	leave,
	totals,
	fileConnectionUnderEvent,
	prepareNewEvent,
	enrichEvent,
	joinRoute,
	leaveRoute,
	totalsRoute
};
