/** OpenDialog's rule for knowledge service and topic names. Pure. */
import { InputError } from '../../errors/input-error';

export const NAME_RULE = /^[\w-]+$/;

export type InvalidNameHandling = 'refuse' | 'slugify';

/** "Help Centre (EN)" → "Help_Centre_EN": accents dropped, every other run of characters → `_`. */
export function toSlug(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\w-]+/g, '_')
		.replace(/^[_-]+|[_-]+$/g, '');
}

/**
 * A service or topic name that OpenDialog will accept, or an InputError that shows the name
 * and the rule. With `slugify`, an invalid name is turned into a valid one instead.
 */
export function readName(value: unknown, label: string, handling: InvalidNameHandling): string {
	const name = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (name === '') {
		throw new InputError(
			`'${label}' is empty`,
			`Give the ${label.toLowerCase()}, e.g. help_centre.`,
		);
	}
	if (NAME_RULE.test(name)) return name;
	const slug = toSlug(name);
	if (handling === 'slugify' && slug !== '') return slug;
	throw new InputError(
		`'${label}' ${JSON.stringify(name)} is not a valid OpenDialog name`,
		`OpenDialog names may hold only letters, digits, "_" and "-" (the rule ^[\\w-]+$, no spaces). ${
			slug === '' ? 'Use e.g. help_centre' : `Use e.g. ${JSON.stringify(slug)}`
		}, or set the option 'Invalid Names' to 'Make Valid'.`,
	);
}
