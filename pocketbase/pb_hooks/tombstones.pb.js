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
	(e) => {
		const { failure, sendFailure, objectBody, unknownKeys } = require(`${__hooks}/lib/http.js`);
		const { purgeTombstones } = require(`${__hooks}/lib/tombstones.js`);
		const body = objectBody(e) || {};
		const nowMs = body.now === undefined ? Date.now() : Date.parse(String(body.now));
		if (unknownKeys(body, ['now']).length || typeof body.now === 'number' || isNaN(nowMs)) {
			return sendFailure(e, failure(400, 'invalid', 'Send { now?: ISO time }.'));
		}
		return e.json(200, { purged: purgeTombstones(e.app, nowMs) });
	},
	$apis.requireSuperuserAuth(),
	$apis.bodyLimit(1024)
);
