// Turning a chosen file into text for the contact readers, or refusing it as a whole with a
// sentence for a person. Invariants: never throws; refuses more than IMPORT_LIMITS.fileBytes
// (UTF-8 bytes) before reading further, an empty file, a zip archive (LinkedIn's download and
// spreadsheets are zips) and anything that is not text; the text returned has no BOM. Bytes are
// read as UTF-8 (or UTF-16 with its BOM); bytes that are not UTF-8 are read as Windows-1252, the
// encoding of old Outlook and Windows exports.
import { IMPORT_LIMITS, type ImportRefusalReason } from './imported-contact';

export type FileInput = string | Uint8Array | ArrayBuffer;

export type FileTextResult =
	{ ok: true; text: string } | { ok: false; reason: ImportRefusalReason; message: string };

/** What the refusal sentences call the file the person should choose. */
export type ExpectedFile = 'vcard' | 'csv' | 'contacts';

const WANTED: Record<ExpectedFile, string> = {
	vcard: 'a .vcf file exported from your phone or contacts app',
	csv: 'Connections.csv from LinkedIn’s data export',
	contacts: 'a .vcf file or LinkedIn’s Connections.csv'
};

/** How much of the start is looked at to tell text from binary. */
const SAMPLE = 64 * 1024;

const refuse = (reason: ImportRefusalReason, message: string): FileTextResult => ({
	ok: false,
	reason,
	message
});

/** Bytes as text in `label` (a TextDecoder label), else Windows-1252, else UTF-8 with U+FFFD. */
export function decodeBytes(bytes: Uint8Array, label = 'utf-8'): string {
	for (const [encoding, fatal] of [
		[label, true],
		['windows-1252', true],
		['utf-8', false]
	] as const) {
		try {
			return new TextDecoder(encoding, { fatal }).decode(bytes);
		} catch {
			// An unknown label, or bytes that are not this encoding: try the next.
		}
	}
	return '';
}

/** The encoding a byte order mark names (UTF-16 exports from Windows carry one), else UTF-8. */
function encodingOf(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return 'utf-8';
}

/** True when text holds a NUL, or more than 1 in 20 characters that no text file has. */
function isBinary(text: string): boolean {
	const sample = text.slice(0, SAMPLE);
	if (sample.includes('\u0000')) return true;
	// eslint-disable-next-line no-control-regex -- counting control characters is the point
	const odd = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
	return odd > sample.length / 20;
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(bytes: number): FileTextResult {
	return refuse(
		'too_large',
		`This file is ${megabytes(bytes)}; at most ${megabytes(IMPORT_LIMITS.fileBytes)} can be imported at once. Export fewer contacts at a time.`
	);
}

/** The UTF-8 size of a string, counted without building the bytes. */
function utf8Length(text: string): number {
	let size = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit < 0x80) size += 1;
		else if (unit < 0x800) size += 2;
		else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			size += 4;
			i += 1;
		} else size += 3;
	}
	return size;
}

/** The text of a chosen file (its bytes, or a string already read), or why it cannot be read. */
export function fileText(input: FileInput, expected: ExpectedFile): FileTextResult {
	try {
		return readText(input, expected);
	} catch {
		return refuse('binary', `This file could not be read. Choose ${WANTED[expected]}.`);
	}
}

function readText(input: FileInput, expected: ExpectedFile): FileTextResult {
	let text: string;
	if (typeof input === 'string') {
		if (input.length > IMPORT_LIMITS.fileBytes) return tooLarge(utf8Length(input));
		const size = input.length * 3 > IMPORT_LIMITS.fileBytes ? utf8Length(input) : 0;
		if (size > IMPORT_LIMITS.fileBytes) return tooLarge(size);
		text = input.replace(/^\uFEFF/, '');
	} else {
		const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
		if (bytes.length > IMPORT_LIMITS.fileBytes) return tooLarge(bytes.length);
		if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
			return refuse(
				'archive',
				`This is a zip archive (or a spreadsheet), not a contacts file. Open it first, then choose ${WANTED[expected]} inside.`
			);
		}
		text = decodeBytes(bytes, encodingOf(bytes)).replace(/^\uFEFF/, '');
	}
	if (text.trim() === '') return refuse('empty', `This file is empty. Choose ${WANTED[expected]}.`);
	if (isBinary(text)) {
		return refuse(
			'binary',
			`This file is not text (it may be a photo or a document), so no contacts could be read from it. Choose ${WANTED[expected]}.`
		);
	}
	return { ok: true, text };
}
