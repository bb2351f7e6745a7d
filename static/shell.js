// See the script tag in src/app.html.
try {
	const session = JSON.parse(localStorage.getItem('pocketbase_auth') || 'null');
	if (session?.token && session.record && !/^\/(c|about)(\/|$)/.test(location.pathname))
		document.documentElement.dataset.shell = 'app';
} catch {
	// no storage, or an unreadable session: no skeleton
}
