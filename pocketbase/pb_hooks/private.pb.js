/// <reference path="../pb_data/types.d.ts" />
// Private records: the owner (or an event's organiser) is always the signed-in user, set here
// after the create rule has refused any body naming someone else. Filters that could probe
// fields a holder is not shown are refused. Events are joined by code.

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

/** Interactions may only name the author's own connections. */
function checkPeople(e) {
	const ids = e.record.getStringSlice('people');
	if (ids.length) {
		const own = e.app.countRecords(
			'connections',
			$dbx.in('id', ...ids),
			$dbx.hashExp({ owner: e.record.getString('owner') })
		);
		if (own !== ids.length) {
			throw new BadRequestError('Invalid interaction.', {
				people: new ValidationError('validation_not_your_connection', 'Only your own connections.')
			});
		}
	}
	e.next();
}
onRecordCreateRequest(checkPeople, 'interactions');
onRecordUpdateRequest(checkPeople, 'interactions');

// On list requests only (a view takes no filter); a hook rather than a router middleware so that
// other requests never wait for a JS runtime.
onRecordsListRequest((e) => {
	if (!(e.auth && e.auth.isSuperuser())) {
		const { probeProblem } = require(`${__hooks}/lib/guard.js`);
		const q = e.requestInfo().query;
		const problem = probeProblem(e.collection.name, (q.filter || '') + ' ' + (q.sort || ''));
		if (problem) throw new BadRequestError(problem);
	}
	e.next();
});

onRealtimeSubscribeRequest((e) => {
	if (!(e.auth && e.auth.isSuperuser())) {
		const { probeProblem } = require(`${__hooks}/lib/guard.js`);
		for (const topic of e.subscriptions) {
			const problem = probeProblem(topic.split(/[/?]/)[0], topic);
			if (problem) throw new BadRequestError(problem);
		}
	}
	e.next();
});

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
