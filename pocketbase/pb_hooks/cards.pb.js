/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Cards: the owner is always the signed-in user (never taken from the body), links and share
// levels are validated on every save, whoever saves. Only the owner reads the card record; every
// change is pushed into the holders' snapshots (trimmed to each holder's level) and each holder
// gets a card change of what they can see (lib/holders.js).
// The casts of `e.record` to core.Record: a record hook and a record create request always carry
// their record (the declarations make it optional for every event of those kinds).

onRecordCreateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users')
		/** @type {core.Record} */ (e.record).set('owner', e.auth.id);
	e.next();
}, 'cards');

onRecordCreate((e) => {
	if (/** @type {core.Record} */ (e.record).getInt('keyVersion') < 1)
		/** @type {core.Record} */ (e.record).set('keyVersion', 1);
	e.next();
}, 'cards');

onRecordValidate((e) => {
	const { linksProblem } = require(`${__hooks}/lib/card.js`);
	const { eventFieldsProblem, jsonOf } = require(`${__hooks}/lib/levels.js`);
	const problem = linksProblem(
		JSON.parse(toString(/** @type {core.Record} */ (e.record).get('links')) || 'null')
	);
	if (problem) {
		throw new BadRequestError('Invalid card.', {
			links: new ValidationError('validation_invalid_link', problem)
		});
	}
	const levelProblem = eventFieldsProblem(jsonOf(e.record, 'eventFields'));
	if (levelProblem) {
		throw new BadRequestError('Invalid card.', {
			eventFields: new ValidationError('validation_invalid_event_fields', levelProblem)
		});
	}
	e.next();
}, 'cards');

onRecordUpdate((e) => {
	const { changedFields } = require(`${__hooks}/lib/levels.js`);
	const before = /** @type {core.Record} */ (e.record).original();
	e.next();
	// Compared once saved: a new photo is a file until then, its stored name only after.
	const changed = changedFields(before, e.record);
	const levelsChanged =
		toString(before.get('eventFields')) !==
		toString(/** @type {core.Record} */ (e.record).get('eventFields'));
	if (changed.length || levelsChanged) {
		const { recordCardChange } = require(`${__hooks}/lib/holders.js`);
		recordCardChange(e.app, e.record, changed);
	}
}, 'cards');

onRecordDelete((e) => {
	// Revoke before PocketBase clears the relation: holders keep their snapshot, like a paper card.
	const { revokeAllHolders } = require(`${__hooks}/lib/holders.js`);
	revokeAllHolders(e.app, /** @type {core.Record} */ (e.record).id);
	e.next();
}, 'cards');
