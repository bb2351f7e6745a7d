/// <reference path="../pb_data/types.d.ts" />
// Private records: the owner (or an event's organiser) is always the signed-in user, set here
// after the create rule has refused any body naming someone else. Events are joined by code.
// Follow-up decisions are one per owner and prompt; settings are one per user, made by the server.

onRecordCreateRequest(
	(e) => {
		if (e.auth && e.auth.collection().name === 'users') e.record.set('owner', e.auth.id);
		e.next();
	},
	'connections',
	'interactions',
	'decisions'
);

onRecordCreateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users') e.record.set('organiser', e.auth.id);
	e.next();
}, 'events');

// Soft deletes (lib/tombstones.js): a record whose `deleted` is set is a tombstone, blanked here,
// never brought back by a later update; forgetting a person forgets what hangs off them.
function keepTombstones(e) {
	require(`${__hooks}/lib/tombstones.js`).onWriteRequest(e);
}
onRecordCreateRequest(keepTombstones, 'connections', 'interactions', 'decisions');
onRecordUpdateRequest(keepTombstones, 'connections', 'interactions', 'decisions');

// One decision per owner and prompt (lib/decisions.js): a create naming the requester's own
// decision for the same prompt is an upsert. Registered after the two hooks above, so the owner is
// set and a tombstone body blanked by the time it runs.
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/decisions.js`).upsertDecision(e);
}, 'decisions');

// Settings: made by the server with the user, in the same transaction (lib/decisions.js).
onRecordCreate((e) => {
	require(`${__hooks}/lib/decisions.js`).createSettingsWithUser(e);
}, 'users');

/** Interactions may only name the author's own live connections (at most 50, not forgotten). */
function checkPeople(e) {
	const MAX_PEOPLE = 50;
	const ids = e.record.getStringSlice('people');
	if (ids.length > MAX_PEOPLE) {
		throw new BadRequestError('Invalid interaction.', {
			people: new ValidationError('validation_too_many_people', 'At most 50 people.')
		});
	}
	if (ids.length) {
		const own = e.app.countRecords(
			'connections',
			$dbx.in('id', ...ids),
			$dbx.hashExp({ owner: e.record.getString('owner'), deleted: '' })
		);
		if (own !== ids.length) {
			throw new BadRequestError('Invalid interaction.', {
				people: new ValidationError(
					'validation_not_your_connection',
					'Only your own connections (not forgotten ones).'
				)
			});
		}
	}
	e.next();
}
onRecordCreateRequest(checkPeople, 'interactions');
onRecordUpdateRequest(checkPeople, 'interactions');

// Hidden relations (see the share-levels migration) are the owner's to read: a connection's card
// and event come back to the connection's owner (the only one its rules let read it), yet stay
// unusable in filters, sorts and relation paths, and cannot be set through the records API.
onRecordEnrich((e) => {
	e.record.unhide('card', 'event');
	e.next();
}, 'connections');

// The organiser of an event sees that they organise it; members and the member list stay hidden.
onRecordEnrich((e) => {
	const info = e.requestInfo;
	const auth = info && info.auth;
	if (auth && (auth.isSuperuser() || auth.id === e.record.getString('organiser'))) {
		e.record.unhide('organiser');
	}
	e.next();
}, 'events');

// Join codes: 8 characters without look-alikes (no 0/O, 1/I/L), chosen by the server, never the
// body's: a chosen code would tell, by "not unique", which codes exist.
onRecordCreateRequest((e) => {
	const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = $security.randomStringWithAlphabet(8, JOIN_ALPHABET);
		if (e.app.countRecords('events', $dbx.hashExp({ joinCode: code })) === 0) {
			e.record.set('joinCode', code);
			break;
		}
	}
	e.next();
}, 'events');

routerAdd(
	'POST',
	'/api/tend/events/join',
	(e) => {
		const { failure, sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
		const rate = require(`${__hooks}/lib/rate.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		const code = body && typeof body.code === 'string' ? body.code.trim().toUpperCase() : '';
		if (!/^[A-Z0-9]{6,12}$/.test(code))
			return sendFailure(e, failure(400, 'invalid', 'That is not a join code.'));
		if (rate.hit(user.id, rate.JOIN_LIMITS, Math.floor(Date.now() / 1000)) > 0) {
			return sendFailure(e, failure(429, 'rate_limited', 'Too many tries: wait a while.'));
		}
		let event;
		try {
			event = e.app.findFirstRecordByData('events', 'joinCode', code);
		} catch (_) {
			return sendFailure(e, failure(404, 'not_found', 'No event has that code.'));
		}
		if (event.getStringSlice('members').indexOf(user.id) < 0) {
			event.set('members+', user.id);
			e.app.save(event);
		}
		return e.json(200, { event });
	},
	$apis.bodyLimit(1024)
);
