/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Deleting connections, interactions and decisions is a tombstone only (an update setting
// `deleted`, see 1764892800_updated_people and pb_hooks/lib/tombstones.js): a hard DELETE would
// vanish without a trace, and the owner's other devices, which learn of deletions by pulling
// tombstones, would keep the record for ever. So the records API refuses DELETE for everyone but
// superusers; account deletion still cascades (the app deletes, not the records API), and the
// purge of old tombstones runs as the server.
const SOFT_ONLY = ['connections', 'interactions', 'decisions'];

migrate(
	(app) => {
		for (const name of SOFT_ONLY) {
			const collection = app.findCollectionByNameOrId(name);
			// `undefined` is PocketBase's null rule, superusers only (see pocketbase/migrations.d.ts).
			collection.deleteRule = undefined;
			app.save(collection);
		}
	},
	(app) => {
		for (const name of SOFT_ONLY) {
			const collection = app.findCollectionByNameOrId(name);
			collection.deleteRule = 'owner = @request.auth.id';
			app.save(collection);
		}
	}
);
