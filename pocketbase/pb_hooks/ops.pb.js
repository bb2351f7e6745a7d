/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Routes for operators (superusers only): how the server commits (lib/ops.js).

routerAdd(
	'GET',
	'/api/tend/ops/durability',
	(e) => e.json(200, require(`${__hooks}/lib/ops.js`).durability(e.app)),
	$apis.requireSuperuserAuth()
);
