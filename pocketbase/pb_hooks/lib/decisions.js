// Follow-up decisions and settings. Invariants:
// - one decision per owner and prompt id (a unique index). Devices derive the id from (owner,
//   promptId), so two devices deciding the same prompt offline both create the same id: a create
//   naming an existing decision of the requester's, for the same prompt, is an upsert (its state
//   and until win: last write wins), answered 200 with the stored record. A tombstone stays a
//   tombstone (the stored one is the answer), and a create that is a tombstone makes one.
// - a create naming anybody else's decision id (or another prompt's) goes on to PocketBase's own
//   save, so its answer is exactly that of any id already taken: nothing tells it apart.
// - every user has one settings record, its id the user's id, made in the transaction that makes
//   the user (and by the follow-ups migration for users made before it).

const DEFAULT_SETTINGS = { dailyCap: 5, defaultCadence: 'occasional' };

/**
 * A record request event as goja shows it: the Go event embeds *core.RequestEvent, which goja
 * also exposes as the field `requestEvent` (types.d.ts folds the embedding into the type instead).
 * @typedef {core.RecordRequestEvent & { requestEvent: core.RequestEvent }} GojaRecordRequestEvent
 */

/**
 * The create request hook of decisions, after the owner is set and a tombstone body blanked
 * (pb_hooks/private.pb.js registers it after those): the upsert of a replayed or racing create.
 * A create request event always carries the record being created.
 * @param {core.RecordRequestEvent} e
 * @returns {void}
 */
function upsertDecision(e) {
	const { isTombstone, blank } = require(`${__hooks}/lib/tombstones.js`);
	const { findById } = require(`${__hooks}/lib/records.js`);
	const id = /** @type {core.Record} */ (e.record).id;
	const auth = e.auth;
	if (!id || !auth || auth.collection().name !== 'users') return e.next();
	const stored = findById(e.app, 'decisions', id);
	if (
		!stored ||
		stored.getString('owner') !== auth.id ||
		stored.getString('promptId') !== /** @type {core.Record} */ (e.record).getString('promptId')
	) {
		return e.next(); // not an upsert: PocketBase decides (a taken id is "not unique")
	}
	if (!isTombstone(stored)) {
		stored.set('state', /** @type {core.Record} */ (e.record).get('state'));
		stored.set('until', /** @type {core.Record} */ (e.record).get('until'));
		if (isTombstone(e.record)) blank(stored, 'decisions', Date.now());
		try {
			e.app.save(stored);
		} catch (err) {
			// As PocketBase's own create answers (a caught Go error carries it in `value`).
			throw new BadRequestError(
				'Failed to create record.',
				/** @type {{ value?: unknown }} */ (err).value || err
			);
		}
	}
	$apis.enrichRecord(/** @type {GojaRecordRequestEvent} */ (e).requestEvent, stored);
	return e.json(200, stored);
}

/**
 * The model create hook of users: their settings, in the same transaction as the user.
 * A record create event always carries the record being created.
 * @param {core.RecordEvent} e
 * @returns {void}
 */
function createSettingsWithUser(e) {
	e.app.runInTransaction((tx) => {
		e.app = tx;
		e.next();
		const settings = new Record(tx.findCachedCollectionByNameOrId('settings'));
		settings.set('id', /** @type {core.Record} */ (e.record).id);
		settings.set('owner', /** @type {core.Record} */ (e.record).id);
		settings.set('dailyCap', DEFAULT_SETTINGS.dailyCap);
		settings.set('defaultCadence', DEFAULT_SETTINGS.defaultCadence);
		tx.save(settings);
	});
}

module.exports = { DEFAULT_SETTINGS, upsertDecision, createSettingsWithUser };
