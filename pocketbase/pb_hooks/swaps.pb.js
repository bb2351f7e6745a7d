/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Swap routes: my token, rotating it, and the mutual swap (docs/protocol.md).

routerAdd('GET', '/api/tend/token', (e) => require(`${__hooks}/lib/swap.js`).tokenRoute(e, false));

routerAdd('POST', '/api/tend/token/rotate', (e) =>
	require(`${__hooks}/lib/swap.js`).tokenRoute(e, true)
);

routerAdd(
	'POST',
	'/api/tend/swaps',
	(e) => require(`${__hooks}/lib/swap.js`).swapRoute(e),
	$apis.bodyLimit(4096)
);

onBootstrap((e) => {
	e.next();
	// The swap-token secret exists before the first request (no race between two first swaps).
	require(`${__hooks}/lib/tokens.js`).ensureSecret(e.app);
});
