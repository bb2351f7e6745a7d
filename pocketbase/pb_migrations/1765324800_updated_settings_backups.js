/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Daily backups, on by default: PocketBase zips pb_data at 03:00 (server time) into
// pb_data/backups and keeps the last 7. A change made later in the admin UI stays (this runs once).
// A backup holds tend_swap_secret.key, which can mint swap tokens: keep backups where only the
// operator can read them (README, "Backups").
// Down: PocketBase's defaults (no scheduled backups, 3 kept).

migrate(
	(app) => {
		const settings = app.settings();
		settings.backups.cron = '0 3 * * *';
		settings.backups.cronMaxKeep = 7;
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.backups.cron = '';
		settings.backups.cronMaxKeep = 3;
		app.save(settings);
	}
);
