/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Tombstones (soft deletes, lib/tombstones.js) are purged 90 days after their `deleted`: daily by
// cron, or on demand by a superuser (operations, and the integration tests, which pass `now` to
// see the purge happen without waiting 90 days). Both run the same purgeTombstones(app, nowMs).

cronAdd('tendPurgeTombstones', '17 3 * * *', () => {
	const { purgeTombstones } = require(`${__hooks}/lib/tombstones.js`);
	const purged = purgeTombstones($app, Date.now());
	$app.logger().info('Purged tombstones', 'purged', JSON.stringify(purged));
});

routerAdd(
	'POST',
	'/api/tend/admin/purge-tombstones',
	(e) => require(`${__hooks}/lib/tombstones.js`).purgeRoute(e),
	$apis.requireSuperuserAuth(),
	$apis.bodyLimit(1024)
);
