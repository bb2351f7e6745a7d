// A static SPA: everything renders in the browser; PocketBase serves index.html for every path.
// Pages other than the public ones need a signed-in user (the session survives offline).
import { redirect } from '@sveltejs/kit';
import { pb } from '$lib/pocketbase/client';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

const PUBLIC_PATHS = ['/signin', '/signup', '/c', '/about'];
/** Open to anyone (a poster's link), with the app around it once signed in. */
const OPEN_PATHS = ['/join'];

export const load: LayoutLoad = ({ url }) => {
	const isSignedIn = Boolean(pb.authStore.token && pb.authStore.record);
	const isOpen = OPEN_PATHS.includes(url.pathname);
	const isPublic =
		PUBLIC_PATHS.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`)) ||
		(isOpen && !isSignedIn);
	if (!isPublic && !isSignedIn) redirect(307, '/signin');
	if (isSignedIn && (url.pathname === '/signin' || url.pathname === '/signup')) {
		redirect(307, '/me');
	}
	return { isPublic };
};
