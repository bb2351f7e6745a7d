/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Private records: the owner is always the signed-in user, set here after the create rule has
// refused any body naming someone else. Follow-up decisions are one per owner and prompt; settings
// are one per user, made by the server. Events and their members: events.pb.js.

onRecordCreateRequest(
	(e) => {
		require(`${__hooks}/lib/records.js`).setOwnerFromAuth(e, 'owner');
	},
	'connections',
	'interactions',
	'decisions'
);

// Soft deletes (lib/tombstones.js): a record whose `deleted` is set is a tombstone, blanked here,
// never brought back by a later update; forgetting a person forgets what hangs off them.
/** @param {core.RecordRequestEvent} e */
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

// Interactions may only name the author's own live connections (lib/interactions.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/interactions.js`).checkPeople(e);
}, 'interactions');
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/interactions.js`).checkPeople(e);
}, 'interactions');

// Hidden relations (see the share-levels migration) are the owner's to read: a connection's card
// and event come back to the connection's owner (the only one its rules let read it), yet stay
// unusable in filters, sorts and relation paths; the records API drops them from request bodies.
onRecordEnrich((e) => {
	/** @type {core.Record} */ (e.record).unhide('card', 'event');
	e.next();
}, 'connections');

// The one exception: the owner may file a connection under another event of theirs through an
// ordinary update; this hook reads `event` from the raw body and checks it (lib/events.js).
onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/events.js`).fileConnectionUnderEvent(e);
}, 'connections');
