/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Stop sharing: the card's owner lists who holds their card (and via which event), changes the
// level a holder sees, or revokes them, either from the holders list or from that person's page
// (my connection to them leads to theirs to my card). Only the card's owner can move `level` and
// `revoked`; the shared part is lib/holders.js (holderBodyProblem, changeHolder).

routerAdd('GET', '/api/tend/holders', (e) => require(`${__hooks}/lib/holders.js`).holdersRoute(e));

routerAdd(
	'POST',
	'/api/tend/holders/{connection}',
	(e) => require(`${__hooks}/lib/holders.js`).holderRoute(e),
	$apis.bodyLimit(1024)
);

routerAdd('GET', '/api/tend/people/{connection}/sharing', (e) =>
	require(`${__hooks}/lib/holders.js`).sharingRoute(e)
);

routerAdd(
	'POST',
	'/api/tend/people/{connection}/sharing',
	(e) => require(`${__hooks}/lib/holders.js`).changeSharingRoute(e),
	$apis.bodyLimit(1024)
);
