// Renders static/icons/icon.svg into the PNG icons the web manifest and iOS need, with Debian's
// Chromium. Run by hand after changing the SVG: `node scripts/make-icons.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { ROOT } from './lib/pocketbase.js';

const svg = readFileSync(join(ROOT, 'static/icons/icon.svg'), 'utf8');
const browser = await chromium.launch({
	executablePath: CHROMIUM_BIN,
	args: CHROMIUM_ARGS
});
const page = await browser.newPage();
/** @type {[string, number, boolean][]} name, size, maskable (full-bleed with safe zone) */
const icons = [
	['icon-192.png', 192, false],
	['icon-512.png', 512, false],
	['maskable-512.png', 512, true],
	['apple-touch-icon.png', 180, true]
];
for (const [name, size, isMaskable] of icons) {
	await page.setViewportSize({ width: size, height: size });
	const inner = isMaskable ? svg.replace('rx="96"', 'rx="0"') : svg;
	await page.setContent(
		`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${inner}`
	);
	writeFileSync(join(ROOT, 'static/icons', name), await page.screenshot({ omitBackground: true }));
}
await browser.close();
console.log('icons written');
