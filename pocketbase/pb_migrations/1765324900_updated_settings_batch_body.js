/// <reference path="../../.cache/pocketbase/types.d.ts" />
// The batch API takes at most 4 MB: the device's largest batch (100 records of at most ~21 KB) with
// room; PocketBase's default is 128 MB, which let one request take the server past a gigabyte.
// pocketbase/limits.go refuses a larger body before it is read; this is PocketBase's own check
// behind it. Down: PocketBase's default.

migrate(
	(app) => {
		const settings = app.settings();
		settings.batch.maxBodySize = 4 * 1024 * 1024;
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.batch.maxBodySize = 0;
		app.save(settings);
	}
);
