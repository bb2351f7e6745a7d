/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Events: the organiser is the signed-in user and the join code the server's choice; members join
// and leave through routes (membership is the event_members collection, written only by
// lib/events.js); the organiser reads anonymous totals. Routes are documented in docs/protocol.md.

onRecordCreateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users')
		/** @type {core.Record} */ (e.record).set('organiser', e.auth.id);
	e.next();
}, 'events');

// Join codes: 8 characters without look-alikes (no 0/O, 1/I/L), chosen by the server, never the
// body's: a chosen code would tell, by "not unique", which codes exist.
onRecordCreateRequest((e) => {
	const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = $security.randomStringWithAlphabet(8, JOIN_ALPHABET);
		if (e.app.countRecords('events', $dbx.hashExp({ joinCode: code })) === 0) {
			/** @type {core.Record} */ (e.record).set('joinCode', code);
			break;
		}
	}
	e.next();
}, 'events');

// The organiser of an event sees that they organise it; to members the organiser stays hidden.
onRecordEnrich((e) => {
	const info = e.requestInfo;
	const auth = info && info.auth;
	if (
		auth &&
		(auth.isSuperuser() || auth.id === /** @type {core.Record} */ (e.record).getString('organiser'))
	) {
		/** @type {core.Record} */ (e.record).unhide('organiser');
	}
	e.next();
}, 'events');

// A member reads only their own membership rows (the rules): to them its event and user are theirs
// to see; the fields stay hidden, so no filter, sort or relation path can use them.
onRecordEnrich((e) => {
	/** @type {core.Record} */ (e.record).unhide('event', 'user');
	e.next();
}, 'event_members');

routerAdd(
	'POST',
	'/api/tend/events/join',
	(e) => {
		const { failure, sendFailure, userOf, objectBody, unknownKeys } = require(
			`${__hooks}/lib/http.js`
		);
		const events = require(`${__hooks}/lib/events.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		if (!body || unknownKeys(body, ['code']).length) {
			return sendFailure(e, failure(400, 'invalid', 'Send { code }.'));
		}
		const code = events.normaliseCode(body.code);
		if (!code) return sendFailure(e, failure(400, 'invalid', 'That is not a join code.'));
		const now = Math.floor(Date.now() / 1000);
		const result = events.join(e.app, user, code, events.limitedIpOf(e), now);
		if (result.failure) {
			if (result.failure.status === 429) {
				e.response.header().set('Retry-After', String(result.failure.extra.retryAfter));
			}
			return sendFailure(e, result.failure);
		}
		$apis.enrichRecord(e, result.event);
		return e.json(200, { event: result.event, isNew: result.isNew });
	},
	$apis.bodyLimit(1024)
);

routerAdd(
	'POST',
	'/api/tend/events/leave',
	(e) => {
		const { failure, sendFailure, userOf, objectBody, unknownKeys, ID } = require(
			`${__hooks}/lib/http.js`
		);
		const events = require(`${__hooks}/lib/events.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		if (!body || unknownKeys(body, ['event']).length || typeof body.event !== 'string') {
			return sendFailure(e, failure(400, 'invalid', 'Send { event }.'));
		}
		if (!ID.test(body.event)) return sendFailure(e, failure(400, 'invalid', 'Bad event id.'));
		const result = events.leave(e.app, user, body.event);
		if (result.failure) return sendFailure(e, result.failure);
		return e.json(200, result);
	},
	$apis.bodyLimit(1024)
);

routerAdd('GET', '/api/tend/events/{id}/totals', (e) => {
	const { failure, sendFailure, userOf, ID } = require(`${__hooks}/lib/http.js`);
	const events = require(`${__hooks}/lib/events.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const id = /** @type {http.Request} */ (e.request).pathValue('id');
	if (!ID.test(id)) return sendFailure(e, failure(404, 'not_found', 'No such event.'));
	const result = events.totals(e.app, user, id);
	if (result.failure) return sendFailure(e, result.failure);
	return e.json(200, result);
});
