// Text that breaks writers of files: separators, quotes, escapes, every kind of line break,
// emoji, right-to-left scripts, spreadsheet formulas and long notes. The export specs put each of
// these in every field and read the file back with a third-party parser.

/** Named awkward values (the name shows in a failing test's title). */
export const AWKWARD_TEXT: readonly (readonly [name: string, value: string])[] = [
	['commas and semicolons', 'Ann, Lee; the 2nd, again;'],
	['quotes', 'She said "hi" and \'bye\' ""'],
	['backslashes', 'Back\\slash \\n not a newline \\; \\, \\\\'],
	['a line feed', 'line one\nline two'],
	['a carriage return', 'line one\rline two'],
	['a CRLF', 'line one\r\nline two\r\n\r\nline four'],
	['emoji', '👩🏽‍💻 Dev 🇩🇪 😀'],
	['Hebrew', 'מרים כהן, מהנדסת'],
	['Arabic', 'مرحبا بالعالم؛ نعم'],
	['a formula', '=HYPERLINK("http://x","click")'],
	['a leading plus', '+49 30 1234567'],
	['a leading minus', '-2+3'],
	['a leading at', '@SUM(A1:A9)'],
	['a leading tab', '\t=1+1'],
	['a leading carriage return', '\r=1+1'],
	['accents', 'Zoë Ångström-Łukasiewicz'],
	['a 500-character note', 'é😀, "q"; \\ '.repeat(50).slice(0, 500)]
];

/** Every line break of the text as LF (what a reader that keeps breaks gives back). */
export function withLineFeeds(text: string): string {
	return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
}
