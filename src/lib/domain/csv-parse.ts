// An RFC 4180 CSV reader, by hand (a comma delimiter; quoted cells hold commas, doubled quotes and
// line breaks; rows end in CRLF, LF or CR). Invariants: never throws, linear in the text's length
// (cells are sliced, never built a character at a time), every row knows the physical line it
// begins on, and a quoted cell the text never closes is reported, not silently swallowed. It is
// tolerant where RFC 4180 is silent: a quote inside an unquoted cell is a character, and
// characters after a closing quote are kept.

export interface CsvRow {
	cells: string[];
	/** The physical line the row begins on, from 1. */
	line: number;
}

export interface CsvParse {
	rows: CsvRow[];
	/** The line where a quoted cell opens that the text never closes (its row is left out), or 0. */
	unclosedQuoteLine: number;
}

const LINE_BREAKS = /\r\n|\r|\n/g;

function countLineBreaks(text: string): number {
	return text.match(LINE_BREAKS)?.length ?? 0;
}

/** Splits CSV text into rows of cells. */
export function parseCsv(text: string): CsvParse {
	const rows: CsvRow[] = [];
	const delimiter = /[,\r\n]/g;
	const length = text.length;
	let cells: string[] = [];
	let rowLine = 1;
	let line = 1;
	let i = 0;
	/** The index of the next comma or line break from `from`, or the end of the text. */
	const nextDelimiter = (from: number) => {
		delimiter.lastIndex = from;
		return delimiter.exec(text)?.index ?? length;
	};
	while (i < length) {
		let cell = '';
		if (text[i] === '"') {
			const pieces: string[] = [];
			let from = i + 1;
			for (;;) {
				const quote = text.indexOf('"', from);
				if (quote < 0) return { rows, unclosedQuoteLine: line };
				if (text[quote + 1] === '"') {
					pieces.push(text.slice(from, quote + 1));
					from = quote + 2;
				} else {
					pieces.push(text.slice(from, quote));
					i = quote + 1;
					break;
				}
			}
			cell = pieces.join('');
			line += countLineBreaks(cell);
		}
		const end = nextDelimiter(i);
		cell += text.slice(i, end);
		i = end;
		cells.push(cell);
		if (i >= length) break;
		if (text[i] === ',') {
			i += 1;
			if (i === length) cells.push('');
			continue;
		}
		i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
		rows.push({ cells, line: rowLine });
		cells = [];
		line += 1;
		rowLine = line;
	}
	if (cells.length > 0) rows.push({ cells, line: rowLine });
	return { rows, unclosedQuoteLine: 0 };
}
