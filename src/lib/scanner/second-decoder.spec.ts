import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { decodePixels } from './second-decoder';

/** RGBA pixels of a QR code, `scale` pixels per module, dark on white. */
function pixels(text: string, scale: number) {
	const qr = encode(text, { ecc: 'M', border: 4 });
	const side = qr.size * scale;
	const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
	qr.data.forEach((row, y) =>
		row.forEach((isDark, x) => {
			if (!isDark) return;
			for (let dy = 0; dy < scale; dy++) {
				for (let dx = 0; dx < scale; dx++) {
					const i = ((y * scale + dy) * side + x * scale + dx) * 4;
					rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
				}
			}
		})
	);
	return { rgba, side };
}

describe('the second decoder', () => {
	it('reads a Tend code exactly', () => {
		const text =
			'https://tend.example.org/c#1~abcdefghijklmno.1.tqog00.ou5jsFhygvAoHiA1UoIPkg~Z%C3%B6e~Designer~';
		const { rgba, side } = pixels(text, 6);
		expect(decodePixels(rgba, side, side)).toBe(text);
	});

	it('finds nothing in a blank image', () => {
		const side = 120;
		expect(decodePixels(new Uint8ClampedArray(side * side * 4).fill(255), side, side)).toBeNull();
	});
});
