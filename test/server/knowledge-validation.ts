/**
 * What the knowledge routes accept, checked as OpenDialog's Laravel requests do: the first
 * failing rule of each field, keyed by the field's dotted path. Pure.
 */
import type { SourceType, StoredFile } from './knowledge-store';

export type Errors = Record<string, string[]>;

const NAME_RULE = /^[\w-]+$/;
const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=]*)$/;
const SOURCE_TYPES: SourceType[] = ['text', 'url', 'file'];

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function label(field: string): string {
	return field.replace(/_/g, ' ');
}

/** A service or topic name: required, `^[\w-]+$`, and not taken by a sibling. */
export function checkName(
	value: unknown,
	errors: Errors,
	taken: (name: string) => boolean,
	required = true,
): void {
	if (value === undefined || value === null || value === '') {
		if (required) errors.name = ['The name field is required.'];
		return;
	}
	if (typeof value !== 'string') errors.name = ['The name must be a string.'];
	else if (!NAME_RULE.test(value)) errors.name = ['The name format is invalid.'];
	else if (taken(value)) errors.name = ['The name has already been taken.'];
}

function checkInteger(
	object: Record<string, unknown>,
	field: string,
	prefix: string,
	bounds: { min: number; max?: number },
	errors: Errors,
): void {
	const value = object[field];
	if (value === undefined || value === null) return;
	const key = `${prefix}${field}`;
	if (!Number.isInteger(value)) errors[key] = [`The ${label(key)} must be an integer.`];
	else if ((value as number) < bounds.min || (value as number) > (bounds.max ?? Infinity)) {
		errors[key] = [
			bounds.max === undefined
				? `The ${label(key)} must be at least ${bounds.min}.`
				: `The ${label(key)} must be between ${bounds.min} and ${bounds.max}.`,
		];
	}
}

/** A knowledge service's `configuration` on create. */
export function checkServiceConfiguration(configuration: unknown, errors: Errors): void {
	if (!isObject(configuration)) {
		errors.configuration = ['The configuration field is required.'];
		return;
	}
	const prefix = 'configuration.';
	if (!configuration.language_model_configuration_name) {
		errors[`${prefix}language_model_configuration_name`] = [
			'The configuration.language model configuration name field is required.',
		];
	}
	checkInteger(configuration, 'chunk_size', prefix, { min: 1 }, errors);
	checkInteger(configuration, 'chunk_overlap', prefix, { min: 0, max: 100 }, errors);
	checkInteger(configuration, 'top_k', prefix, { min: 1 }, errors);
	const model = configuration.language_model_configuration;
	if (isObject(model) && model.managed === false && !model.api_key) {
		errors[`${prefix}language_model_configuration.api_key`] = [
			'The configuration.language model configuration.api key field is required when configuration.language model configuration.managed is false.',
		];
	}
}

export interface CheckedSource {
	type: SourceType;
	configuration: Record<string, unknown>;
	file?: StoredFile;
}

/**
 * One source as sent to create it or in a PATCH's `add`/`update`; `prefix` is where it sits
 * in the body (`''` or `sources.3.`). A file's data URI is decoded here.
 */
export function checkSource(
	source: unknown,
	prefix: string,
	errors: Errors,
): CheckedSource | undefined {
	const before = Object.keys(errors).length;
	const body = isObject(source) ? source : {};
	const type = body.type as SourceType;
	if (body.type === undefined) errors[`${prefix}type`] = [`The ${prefix}type field is required.`];
	else if (!SOURCE_TYPES.includes(type)) {
		errors[`${prefix}type`] = [`The selected ${prefix}type is invalid.`];
	}
	const configuration = body.configuration;
	if (!isObject(configuration)) {
		errors[`${prefix}configuration`] = [`The ${prefix}configuration field is required.`];
		return undefined;
	}
	const config = `${prefix}configuration.`;
	if (typeof configuration.name !== 'string' || configuration.name === '') {
		errors[`${config}name`] = [`The ${config}name field is required.`];
	}
	let file: StoredFile | undefined;
	if (type === 'file') {
		file = checkFile(body.file, prefix, errors);
	} else if (typeof configuration.source !== 'string' || configuration.source === '') {
		errors[`${config}source`] = [`The ${config}source field is required.`];
	} else if (type === 'url' && !/^https?:\/\/\S+$/.test(configuration.source)) {
		errors[`${config}source`] = [`The ${config}source must be a valid URL.`];
	}
	if (Object.keys(errors).length > before) return undefined;
	return {
		type,
		// A file source's `source` is its file name: the content itself is never given back.
		configuration: file ? { ...configuration, source: file.fileName } : { ...configuration },
		file,
	};
}

function checkFile(value: unknown, prefix: string, errors: Errors): StoredFile | undefined {
	const file = isObject(value) ? value : undefined;
	const match = typeof file?.file === 'string' ? DATA_URI.exec(file.file) : null;
	if (!file?.file) {
		errors[`${prefix}file.file`] = [`The ${prefix}file.file field is required.`];
	} else if (!match) {
		errors[`${prefix}file.file`] = [`The ${prefix}file.file must be a base64 data URI.`];
	}
	if (typeof file?.file_name !== 'string' || file.file_name === '') {
		errors[`${prefix}file.file_name`] = [`The ${prefix}file.file name field is required.`];
	}
	if (!match || !file) return undefined;
	return {
		bytes: Buffer.from(match[2], 'base64'),
		fileName: String(file.file_name),
		mimeType: typeof file.type === 'string' ? file.type : match[1],
	};
}

/** One entry of a PATCH's `sources`: what to do, to which source. */
export type SourceOperation =
	| { operation: 'add'; source: CheckedSource }
	| { operation: 'update'; id: string; source: CheckedSource }
	| { operation: 'remove'; id: string };

export function checkOperations(
	sources: unknown,
	knownIds: Set<string>,
	errors: Errors,
): SourceOperation[] {
	if (sources === undefined) return [];
	if (!Array.isArray(sources)) {
		errors.sources = ['The sources must be an array.'];
		return [];
	}
	const operations: SourceOperation[] = [];
	sources.forEach((entry: unknown, index) => {
		const prefix = `sources.${index}.`;
		const body = isObject(entry) ? entry : {};
		const operation = body.operation;
		if (operation !== 'add' && operation !== 'update' && operation !== 'remove') {
			errors[`${prefix}operation`] = [
				operation === undefined
					? `The ${prefix}operation field is required.`
					: `The selected ${prefix}operation is invalid.`,
			];
			return;
		}
		const id = body.id;
		if (operation !== 'add') {
			if (id === undefined || id === null || id === '') {
				errors[`${prefix}id`] = [
					`The ${prefix}id field is required when ${prefix}operation is ${operation}.`,
				];
				return;
			}
			if (!knownIds.has(String(id))) {
				errors[`${prefix}id`] = [`The selected ${prefix}id is invalid.`];
				return;
			}
		}
		if (operation === 'remove') {
			operations.push({ operation, id: String(id) });
			return;
		}
		const source = checkSource(body, prefix, errors);
		if (!source) return;
		operations.push(
			operation === 'add' ? { operation, source } : { operation, id: String(id), source },
		);
	});
	return operations;
}
