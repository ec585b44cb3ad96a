/** Laravel's page-number pagination, as both data export routes read and answer it. */
/** A whole number at least `min` (and at most `max`), or the Laravel messages saying why not. */
export function readInteger(
	query: URLSearchParams,
	name: string,
	label: string,
	bounds: { min: number; max?: number; fallback: number },
	errors: Record<string, string[]>,
): number {
	const text = query.get(name);
	if (text === null || text === '') return bounds.fallback;
	if (!/^-?\d+$/.test(text.trim())) {
		errors[name] = [`The ${label} must be an integer.`];
		return bounds.fallback;
	}
	const value = Number(text);
	if (bounds.max !== undefined && (value < bounds.min || value > bounds.max)) {
		errors[name] = [`The ${label} must be between ${bounds.min} and ${bounds.max}.`];
	} else if (value < bounds.min) {
		errors[name] = [`The ${label} must be at least ${bounds.min}.`];
	}
	return value;
}

/** Laravel's paginator: a page past the last is empty, and says which page it is. */
export function pageOf<T>(
	all: T[],
	page: number,
	perPage: number,
): { data: T[]; currentPage: number; lastPage: number; from: number | null; to: number | null } {
	const start = (page - 1) * perPage;
	const data = all.slice(start, start + perPage);
	return {
		data,
		currentPage: page,
		lastPage: Math.max(Math.ceil(all.length / perPage), 1),
		from: data.length > 0 ? start + 1 : null,
		to: data.length > 0 ? start + data.length : null,
	};
}
