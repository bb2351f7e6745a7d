// One entry point for a chosen contacts file: a .vcf file or LinkedIn's Connections.csv, told
// apart by their content (a file's name and MIME type are often wrong on phones). Invariant: the
// same as the two readers' (never throws; a file is refused whole or read card by card).
import { readLinkedInText } from './import-linkedin';
import { fileText, type FileInput } from './import-text';
import { readVCardText } from './import-vcard';
import type { ImportResult } from './imported-contact';

/** True when text holds a vCard: a BEGIN:VCARD line anywhere. */
function isVCard(text: string): boolean {
	return /^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$/im.test(text);
}

/** Reads a contacts file, vCard or Connections.csv, into contacts and problems, or refuses it. */
export function readContactsFile(input: FileInput): ImportResult {
	const file = fileText(input, 'contacts');
	if (!file.ok) return file;
	const result = isVCard(file.text) ? readVCardText(file.text) : readLinkedInText(file.text);
	// Neither reader knows the person chose from both: say what either file would be.
	return !result.ok && result.reason === 'wrong_format'
		? {
				...result,
				message:
					'No contacts were found in this file. Choose a .vcf file or LinkedIn’s Connections.csv.'
			}
		: result;
}
