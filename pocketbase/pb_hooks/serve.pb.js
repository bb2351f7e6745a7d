/// <reference path="../pb_data/types.d.ts" />
// Serving the app. Invariant: every response of the app's own files (build/, every path that is
// neither /api nor PocketBase's admin UI at /_/) carries the Content-Security-Policy and the other
// security headers of lib/serve.js; /api and /_/ keep PocketBase's own headers.
// Nothing here is a global middleware (routerUse): a JS middleware holds one of the hooks' JS
// runtimes for the whole request it wraps, so a global one would hold a runtime for every open
// realtime connection and leave the swap routes to build throwaway ones. Instead this file owns
// the static route (main.go registers its own only when none exists) and only the app's files
// pass through JS.

{
	const { publicDirOf, isIndexFallbackOn, isAdminUiOn } = require(`${__hooks}/lib/serve.js`);
	routerAdd(
		'GET',
		'/{path...}',
		$apis.static($os.dirFS(publicDirOf($os.args)), isIndexFallbackOn($os.args)),
		(e) => {
			require(`${__hooks}/lib/serve.js`).setAppHeaders(e);
			return e.next();
		}
	);

	// TEND_ADMIN_UI=off: these three patterns are each more specific than PocketBase's
	// `/_/{path...}`, so together they answer every path of the admin UI (/_ redirects to /_/).
	if (!isAdminUiOn()) {
		for (const path of ['/_/{$}', '/_/{file}', '/_/{dir}/{rest...}']) {
			routerAdd('GET', path, () => {
				throw new NotFoundError();
			});
		}
	}
}

onBootstrap((e) => {
	e.next();
	// A deployment behind a proxy: TEND_TRUSTED_PROXY_* say which header holds the guest's IP.
	require(`${__hooks}/lib/serve.js`).applyTrustedProxy(e.app);
});
