// A QR code drawn from any text as a PNG, for "Scan from a photo": lets a test hand the app a
// code no Tend phone would ever show (a hostile origin, a forged token). ECC M, a 4-module quiet
// zone, dark on white, a whole number of pixels per module, as a sharp photo of a screen.
import { PNG } from 'pngjs';
import { encode } from 'uqr';

/** A PNG of `text` as a QR code, `scale` pixels per module. */
export function qrToPng(text: string, scale = 8): Buffer {
	const qr = encode(text, { ecc: 'M', border: 4 });
	const side = qr.size * scale;
	const png = new PNG({ width: side, height: side });
	png.data.fill(255);
	qr.data.forEach((row, my) =>
		row.forEach((isDark, mx) => {
			if (!isDark) return;
			for (let y = my * scale; y < (my + 1) * scale; y++) {
				for (let x = mx * scale; x < (mx + 1) * scale; x++) {
					const i = (y * side + x) * 4;
					png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
				}
			}
		})
	);
	return PNG.sync.write(png);
}
