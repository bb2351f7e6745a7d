/// <reference path="../../.cache/pocketbase/types.d.ts" />
// People: soft deletes and the conversation kind.
// - `deleted` (date) on connections, interactions and decisions: PocketBase keeps no log of
//   deletions, so a device deletes by saving a tombstone (`deleted` set) that other devices pull
//   like any change (`updated >= cursor`). The hooks (pb_hooks/private.pb.js, lib/tombstones.js)
//   blank a tombstone's content, stamp `deleted` with the server's clock, keep it a tombstone
//   forever and purge it 90 days later. A partial index keeps the purge's scan to tombstones.
// - interactions: kind `conversation`, and `mode` (how a conversation or a follow-up happened).
// Down: tombstones are deleted for good (without the field they would come back as live, blank
// records), `conversation` rows become `note`s, and `mode` goes.

const SOFT_DELETED = ['connections', 'interactions', 'decisions'];
const KINDS_BEFORE = ['met', 'note', 'gave', 'asked', 'introduced', 'followed_up'];
const KINDS_AFTER = ['met', 'note', 'gave', 'asked', 'introduced', 'conversation', 'followed_up'];
const MODES = ['in_person', 'call', 'message', 'online', 'email'];

const deletedIndex = (/** @type {string} */ name) =>
	`CREATE INDEX idx_${name}_deleted ON ${name} (deleted) WHERE deleted != ''`;

migrate(
	(app) => {
		for (const name of SOFT_DELETED) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new DateField({ name: 'deleted' }));
			collection.indexes = /** @type {PlainIndexes} */ (
				collection.indexes.concat([deletedIndex(name)])
			);
			app.save(collection);
		}
		const interactions = app.findCollectionByNameOrId('interactions');
		/** @type {core.SelectField} */ (interactions.fields.getByName('kind')).values = KINDS_AFTER;
		interactions.fields.add(new SelectField({ name: 'mode', values: MODES, maxSelect: 1 }));
		app.save(interactions);
	},
	(app) => {
		// Dependants first: a connection's delete would otherwise rewrite the interactions naming it.
		for (const name of ['interactions', 'decisions', 'connections']) {
			const tombstones = /** @type {core.Record[]} */ (
				app.findRecordsByFilter(name, "deleted != ''", '', 0, 0)
			);
			for (const record of tombstones) {
				app.delete(record);
			}
		}
		app
			.db()
			.newQuery("UPDATE interactions SET kind = 'note' WHERE kind = 'conversation'")
			.execute();
		const interactions = app.findCollectionByNameOrId('interactions');
		interactions.fields.removeByName('mode');
		/** @type {core.SelectField} */ (interactions.fields.getByName('kind')).values = KINDS_BEFORE;
		app.save(interactions);
		for (const name of SOFT_DELETED) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('deleted');
			collection.indexes = /** @type {PlainIndexes} */ (
				collection.indexes.filter((i) => i !== deletedIndex(name))
			);
			app.save(collection);
		}
	}
);
