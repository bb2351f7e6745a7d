/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Events: the organiser is the signed-in user and the join code the server's choice; members join
// and leave through routes (membership is the event_members collection, written only by
// lib/events.js); the organiser reads anonymous totals. Routes are documented in docs/protocol.md.

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/events.js`).prepareNewEvent(e);
}, 'events');

onRecordEnrich((e) => {
	require(`${__hooks}/lib/events.js`).enrichEvent(e);
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
	(e) => require(`${__hooks}/lib/events.js`).joinRoute(e),
	$apis.bodyLimit(1024)
);

routerAdd(
	'POST',
	'/api/tend/events/leave',
	(e) => require(`${__hooks}/lib/events.js`).leaveRoute(e),
	$apis.bodyLimit(1024)
);

routerAdd('GET', '/api/tend/events/{id}/totals', (e) =>
	require(`${__hooks}/lib/events.js`).totalsRoute(e)
);
