// Soft deletes. Invariants:
// - a tombstone (a connection, interaction or decision whose `deleted` is set) carries no content:
//   only id, owner, deleted, created, updated, plus the fields the schema requires (an interaction's
//   kind and at, a decision's promptId and state: the device matches prompts by promptId);
// - `deleted` is the server's clock when the record became a tombstone, whatever the body said
//   (a forged past or future time would hurry or stop the purge);
// - a tombstone never comes back: an update request to one changes nothing and answers 200 with
//   the stored tombstone (devices replay their outbox; an edit made offline loses to the delete);
// - forgetting a person (a connection tombstone) also forgets what hangs off it, in the same
//   transaction: its card changes go, interactions about only that person become tombstones, the
//   others stop naming it (and are saved, so `updated` moves and devices pull them);
// - tombstones are purged (hard-deleted) PURGE_AFTER_DAYS after their `deleted`.

/** @typedef {'connections' | 'interactions' | 'decisions'} SoftDeleted A soft-deleted collection. */

/** @type {SoftDeleted[]} */
const SOFT_DELETED = ['connections', 'interactions', 'decisions'];
const PURGE_AFTER_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_BATCH = 200;

/**
 * What each collection's fields become in a tombstone (fields not named here are kept).
 * @type {Record<SoftDeleted, Record<string, unknown>>}
 */
const BLANK = {
	connections: {
		card: '',
		snapshot: null,
		event: '',
		metAt: '',
		channel: '',
		memoryNote: '',
		howICanHelp: '',
		promise: '',
		tags: null,
		cadence: '',
		needsNote: false,
		archived: false,
		level: '',
		revoked: false,
		revokedAt: ''
	},
	interactions: { text: '', people: [], mode: '' },
	decisions: { until: '' }
};

/**
 * PocketBase's stored datetime text ("2006-01-02 15:04:05.000Z") of unix milliseconds.
 * @param {number} ms
 * @returns {string}
 */
function dbDate(ms) {
	return new Date(ms).toISOString().replace('T', ' ');
}

/**
 * Whether a record is a tombstone.
 * @param {core.Record} record
 * @returns {boolean}
 */
function isTombstone(record) {
	return record.getString('deleted') !== '';
}

/**
 * Turns `record` (of `collectionName`) into a tombstone stamped `nowMs`; does not save it.
 * @param {core.Record} record
 * @param {SoftDeleted} collectionName
 * @param {number} nowMs
 */
function blank(record, collectionName, nowMs) {
	const fields = BLANK[collectionName];
	for (const name of Object.keys(fields)) record.set(name, fields[name]);
	record.set('deleted', dbDate(nowMs));
}

/**
 * Forgets what hangs off a connection that has just become a tombstone (`app` is the transaction
 * the tombstone was saved in): its card changes, and its place in its owner's interactions.
 * (The lists findRecordsByFilter returns hold no nil, whatever types.d.ts says.)
 * @param {core.App} app
 * @param {core.Record} connection
 * @param {number} nowMs
 */
function forgetConnection(app, connection, nowMs) {
	const id = connection.id;
	for (const change of /** @type {core.Record[]} */ (
		app.findRecordsByFilter('card_changes', 'connection = {:c}', '', 0, 0, {
			c: id
		})
	)) {
		app.delete(change);
	}
	const about = /** @type {core.Record[]} */ (
		app.findRecordsByFilter(
			'interactions',
			"owner = {:o} && people ~ {:c} && deleted = ''",
			'',
			0,
			0,
			{ o: connection.getString('owner'), c: id }
		)
	);
	for (const interaction of about) {
		const people = interaction.getStringSlice('people');
		if (people.indexOf(id) < 0) continue; // `~` matched text, not an id
		const rest = people.filter((p) => p !== id);
		if (rest.length) interaction.set('people', rest);
		else blank(interaction, 'interactions', nowMs);
		app.save(interaction);
	}
}

/**
 * A create or update request event of a soft-deleted collection, as PocketBase hands it over: it
 * always carries its record and collection, and PocketBase's JS runtime exposes its embedded
 * request event as `requestEvent` (types.d.ts flattens it away).
 * @typedef {core.RecordRequestEvent & {
 *   record: core.Record,
 *   collection: core.Collection,
 *   requestEvent: core.RequestEvent
 * }} WriteRequestEvent
 */

/**
 * The create and update request hook of the soft-deleted collections: keeps tombstones as they
 * are, blanks a record that becomes one, and forgets a person in the same transaction.
 * @param {WriteRequestEvent} e
 */
function onWriteRequest(e) {
	const name = /** @type {SoftDeleted} */ (e.collection.name); // registered for these only
	const original = e.record.isNew() ? null : e.record.original();
	if (original && isTombstone(original)) {
		// Nothing changes: the stored tombstone is the answer (a replayed delete, or an edit that
		// lost to a delete made elsewhere).
		$apis.enrichRecord(e.requestEvent, original);
		return e.json(200, original);
	}
	if (!isTombstone(e.record)) return e.next();
	const nowMs = Date.now();
	blank(e.record, name, nowMs);
	if (name !== 'connections') return e.next();
	e.app.runInTransaction((tx) => {
		e.app = tx;
		e.next();
		forgetConnection(tx, e.record, nowMs);
	});
}

/**
 * Hard-deletes the tombstones older than PURGE_AFTER_DAYS at `nowMs`; returns counts.
 * @param {core.App} app
 * @param {number} nowMs
 * @returns {Record<string, number>} the number purged of each soft-deleted collection
 */
function purgeTombstones(app, nowMs) {
	const cutoff = dbDate(nowMs - PURGE_AFTER_DAYS * DAY_MS);
	/** @type {Record<string, number>} */
	const purged = {};
	// Interactions and decisions first: nothing should still name a connection when it goes.
	for (const name of ['interactions', 'decisions', 'connections']) {
		purged[name] = 0;
		for (;;) {
			const old = /** @type {core.Record[]} */ (
				app.findRecordsByFilter(
					name,
					"deleted != '' && deleted < {:cutoff}",
					'deleted',
					PURGE_BATCH,
					0,
					{ cutoff }
				)
			);
			for (const record of old) app.delete(record);
			purged[name] += old.length;
			if (old.length < PURGE_BATCH) break;
		}
	}
	return purged;
}

/**
 * POST /api/tend/admin/purge-tombstones { now?: ISO time } (superusers): purges now, or as if at
 * `now` (the integration tests see a purge without waiting 90 days).
 * @param {core.RequestEvent} e
 */
function purgeRoute(e) {
	const { failure, sendFailure, objectBody, unknownKeys } = require(`${__hooks}/lib/http.js`);
	const body = objectBody(e) || {};
	const nowMs = body.now === undefined ? Date.now() : Date.parse(String(body.now));
	if (unknownKeys(body, ['now']).length || typeof body.now === 'number' || isNaN(nowMs)) {
		return sendFailure(e, failure(400, 'invalid', 'Send { now?: ISO time }.'));
	}
	return e.json(200, { purged: purgeTombstones(e.app, nowMs) });
}

module.exports = {
	purgeRoute,
	SOFT_DELETED,
	PURGE_AFTER_DAYS,
	isTombstone,
	blank,
	forgetConnection,
	onWriteRequest,
	purgeTombstones
};
