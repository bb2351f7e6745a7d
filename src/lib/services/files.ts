// Saving a file a person asked for (an export, a contact): the share sheet with the file where
// the browser can share files (phones), else an ordinary download. Nothing here is kept.

/** How the file went: shared, downloaded, or the person closed the share sheet. */
export type SaveOutcome = 'shared' | 'downloaded' | 'cancelled';

/**
 * Offers `text` as a file. With `share`, phones get their share sheet with the file (Files,
 * Mail, Contacts); a browser that cannot share files downloads it instead.
 */
export async function saveTextFile(
	fileName: string,
	mime: string,
	text: string,
	share = false
): Promise<SaveOutcome> {
	const type = `${mime};charset=utf-8`;
	if (share && typeof File === 'function' && typeof navigator.canShare === 'function') {
		const file = new File([text], fileName, { type });
		if (navigator.canShare({ files: [file] })) {
			try {
				await navigator.share({ files: [file], title: fileName });
				return 'shared';
			} catch (error) {
				if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
				// Sharing failed (not allowed here, no target): the download still works.
			}
		}
	}
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
	return 'downloaded';
}
