/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Cards: the owner is always the signed-in user (never taken from the body), links and share
// levels are validated on every save, whoever saves. Only the owner reads the card record; every
// change is pushed into the holders' snapshots (trimmed to each holder's level) and each holder
// gets a card change of what they can see (lib/holders.js).
// The casts of `e.record` to core.Record: a record hook and a record create request always carry
// their record (the declarations make it optional for every event of those kinds).

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/records.js`).setOwnerFromAuth(e, 'owner');
}, 'cards');

onRecordCreate((e) => {
	if (/** @type {core.Record} */ (e.record).getInt('keyVersion') < 1)
		/** @type {core.Record} */ (e.record).set('keyVersion', 1);
	e.next();
}, 'cards');

onRecordValidate((e) => {
	require(`${__hooks}/lib/card.js`).validateCard(e);
}, 'cards');

onRecordUpdate((e) => {
	require(`${__hooks}/lib/holders.js`).pushCardUpdate(e);
}, 'cards');

onRecordDelete((e) => {
	// Revoke before PocketBase clears the relation: holders keep their snapshot, like a paper card.
	const { revokeAllHolders } = require(`${__hooks}/lib/holders.js`);
	revokeAllHolders(e.app, /** @type {core.Record} */ (e.record).id);
	e.next();
}, 'cards');
