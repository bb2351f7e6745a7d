// Record lookups every hook shares: by column values or by id, null when there is none (a lookup
// that finds nothing is an answer, not an error), and the signed-in person's own card.

/**
 * Finds the first record whose columns equal `where`, or null (no filter parsing: hot path).
 * @param {core.App} app
 * @param {string} collection name or id
 * @param {{ [column: string]: unknown }} where
 * @returns {core.Record | null}
 */
function findFirst(app, collection, where) {
	try {
		const record = new Record();
		app.recordQuery(collection).andWhere($dbx.hashExp(where)).limit(1).one(record);
		return record;
	} catch (_) {
		return null;
	}
}

/**
 * Finds a record by id, or null.
 * @param {core.App} app
 * @param {string} collection name or id
 * @param {string} id
 * @returns {core.Record | null}
 */
function findById(app, collection, id) {
	try {
		return app.findRecordById(collection, id);
	} catch (_) {
		return null;
	}
}

/**
 * The card of this user (everyone has at most one), or null.
 * @param {core.App} app
 * @param {string} userId
 * @returns {core.Record | null}
 */
function cardOf(app, userId) {
	return findFirst(app, 'cards', { owner: userId });
}

/**
 * onRecordCreateRequest: `field` (the owner) is the signed-in user, never the body's (the create
 * rules have already refused a body naming anyone else).
 * @param {core.RecordRequestEvent} e a create request's event, which always carries its record
 * @param {string} field
 */
function setOwnerFromAuth(e, field) {
	if (e.auth && e.auth.collection().name === 'users') {
		/** @type {core.Record} */ (e.record).set(field, e.auth.id);
	}
	e.next();
}

module.exports = { findFirst, findById, cardOf, setOwnerFromAuth };
