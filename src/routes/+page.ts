import { redirect } from '@sveltejs/kit';
import { HOME_KEY, homePath } from '$lib/state/home';
import type { PageLoad } from './$types';

export const load: PageLoad = () => {
	redirect(307, homePath(localStorage.getItem(HOME_KEY)));
};
