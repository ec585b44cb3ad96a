/**
 * A self-hosted workspace whose app timezone is not UTC: it still reads the `from`/`to` of a
 * request as UTC, as OpenDialog documents, but writes dates — each interaction's and the range
 * it echoes with each user — without a zone, in its own local time (`Y-m-d H:i:s`).
 */
export function zonelessDates(offsetMinutes: number): (seconds: number) => string {
	return (seconds) =>
		new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
