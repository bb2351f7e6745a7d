// What an operator may ask the server about itself (superusers only; routes in ops.pb.js).

const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'];

/**
 * How the data database commits, as SQLite reports it on the connections PocketBase uses:
 * `synchronous` ("full": every acknowledged write is on disk; pocketbase/durability.go) and the
 * journal mode, and each connection's page cache in KiB (2,000: pocketbase/durability.go).
 * @param {core.App} app
 * @returns {{ synchronous: string, journalMode: string, pageCacheKiB: number }}
 */
function durability(app) {
	const sync = new DynamicModel({ synchronous: 0 });
	app.db().newQuery('PRAGMA synchronous').one(sync);
	const journal = new DynamicModel({ journal_mode: '' });
	app.db().newQuery('PRAGMA journal_mode').one(journal);
	const cache = new DynamicModel({ cache_size: 0 });
	app.db().newQuery('PRAGMA cache_size').one(cache);
	return {
		synchronous: SYNCHRONOUS[sync.synchronous] || String(sync.synchronous),
		journalMode: journal.journal_mode,
		// negative: KiB (as durability.go sets it); positive: pages
		pageCacheKiB: cache.cache_size < 0 ? -cache.cache_size : cache.cache_size
	};
}

module.exports = { durability };
