// Debian's Chromium, as the tests and benches drive it (TESTING.md): never a downloaded browser,
// and flags that keep it off the internet (without them it keeps trying to reach Google's hosts).
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run'
];
