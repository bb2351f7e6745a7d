// Where the app opens ("/", the installed app's start): Follow-ups once I have contacts, the swap
// before. The layout keeps it in localStorage, so the redirect needs no database read.
export const HOME_KEY = 'tend:home';
const HOMES = ['/follow-ups', '/swap'] as const;
export type Home = (typeof HOMES)[number];

/** The home the device remembered, or the swap. */
export function homePath(stored: string | null): Home {
	return HOMES.find((h) => h === stored) ?? '/swap';
}
