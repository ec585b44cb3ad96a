/** The fields that describe one source, shared by Topic Source → Create and Topic → Sync. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bareMimeType } from '../../shared/public-api/knowledge/files';
import type { SourceType } from '../../shared/public-api/knowledge/types';
import { InputError } from '../../shared/errors/input-error';
import type { Resource } from './common';

export const DEFAULT_MAX_FILE_MB = 20;

/** One source as read from an input item; a file's content is held as it came. */
export interface SourceInput {
	itemIndex: number;
	name: string;
	type: SourceType;
	/** The text or the URL; for a file, its name. */
	source: string;
	exclusionClasses: string;
	exclusionIds: string;
	stripTags: boolean;
	file?: { content: Buffer; fileName: string; mimeType: string };
}

export function sourceProperties(
	resource: Resource,
	operation: string,
	nameLabel: string,
): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	const forType = (type: SourceType) => ({ show: { ...show, sourceType: [type] } });
	return [
		{
			displayName: 'Source Type',
			name: 'sourceType',
			type: 'options',
			default: 'text',
			displayOptions: { show },
			options: [
				{
					name: 'File',
					value: 'file',
					description: "A file from the item's binary data (e.g. a PDF read by another node)",
				},
				{ name: 'Text', value: 'text', description: 'Text given in the node or an expression' },
				{ name: 'URL', value: 'url', description: 'A web page OpenDialog reads' },
			],
		},
		{
			displayName: nameLabel,
			name: 'sourceName',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.title }}',
			description:
				'The name OpenDialog shows for the source. For a file, empty means the file name.',
			displayOptions: { show },
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			displayOptions: forType('text'),
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/help/returns',
			displayOptions: forType('url'),
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the file',
			displayOptions: forType('file'),
		},
		{
			displayName: 'Source Options',
			name: 'sourceOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Exclusion Classes',
					name: 'exclusionClasses',
					type: 'string',
					default: '',
					placeholder: 'e.g. nav, footer',
					description:
						'URL sources: HTML classes whose elements OpenDialog leaves out, comma-separated',
				},
				{
					displayName: 'Exclusion IDs',
					name: 'exclusionIds',
					type: 'string',
					default: '',
					placeholder: 'e.g. cookie-banner',
					description: 'URL sources: HTML element IDs OpenDialog leaves out, comma-separated',
				},
				{
					displayName: 'Strip Tags',
					name: 'stripTags',
					type: 'boolean',
					default: false,
					description: 'Whether OpenDialog removes HTML tags (URL and file sources)',
				},
			],
		},
	];
}

function requiredText(value: unknown, label: string, hint: string): string {
	const text =
		typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') throw new InputError(`'${label}' is empty`, hint);
	return text;
}

/** Reads one item's source; a file comes from its binary data through n8n's helpers. */
export async function readSourceInput(
	context: IExecuteFunctions,
	itemIndex: number,
	maxFileBytes: number,
): Promise<SourceInput> {
	const type = context.getNodeParameter('sourceType', itemIndex) as SourceType;
	const options = context.getNodeParameter('sourceOptions', itemIndex, {}) as IDataObject;
	const name = String(context.getNodeParameter('sourceName', itemIndex, '') ?? '').trim();
	const common = {
		itemIndex,
		type,
		exclusionClasses: String(options.exclusionClasses ?? '').trim(),
		exclusionIds: String(options.exclusionIds ?? '').trim(),
		stripTags: options.stripTags === true,
	};
	if (type === 'file') {
		const file = await readBinaryFile(context, itemIndex, maxFileBytes);
		return { ...common, name: name || file.fileName, source: file.fileName, file };
	}
	const nameHint =
		'Give each source a name, e.g. {{ $json.title }}: it identifies the source in the topic.';
	if (type === 'url') {
		const url = requiredText(
			context.getNodeParameter('url', itemIndex),
			'URL',
			'Give the address of the page, e.g. https://example.com/help.',
		).trim();
		if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
			throw new InputError(
				`'URL' is not a web address: ${JSON.stringify(url)}`,
				'Use an http:// or https:// address, e.g. https://example.com/help.',
			);
		}
		return { ...common, name: requiredText(name, 'Name', nameHint), source: url };
	}
	const text = requiredText(
		context.getNodeParameter('text', itemIndex),
		'Text',
		'Give the text of the source, or map it from the input, e.g. {{ $json.body }}.',
	);
	return { ...common, name: requiredText(name, 'Name', nameHint), source: text };
}

async function readBinaryFile(context: IExecuteFunctions, itemIndex: number, maxFileBytes: number) {
	const property = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName =
		binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	if (content.length === 0) {
		throw new InputError(
			`The file in binary field '${property}' (${fileName}) is empty`,
			'Check the node that made the file: OpenDialog cannot learn from an empty file.',
		);
	}
	if (content.length > maxFileBytes) {
		throw new InputError(
			`The file in binary field '${property}' (${fileName}) is ${formatSize(content.length)}, over the limit of ${formatSize(maxFileBytes)}`,
			"Split the file, or raise the 'Max File Size (MB)' option if your OpenDialog workspace accepts larger files.",
		);
	}
	return { content, fileName, mimeType: bareMimeType(binary.mimeType) };
}

function formatSize(bytes: number): string {
	if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en-US')} bytes`;
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export const maxFileSizeOption: INodeProperties = {
	displayName: 'Max File Size (MB)',
	name: 'maxFileSizeMb',
	type: 'number',
	typeOptions: { minValue: 0.001 },
	default: DEFAULT_MAX_FILE_MB,
	description: 'Larger files are refused before any upload, as an error of their item',
};

export function readMaxFileBytes(options: IDataObject): number {
	const megabytes = Number(options.maxFileSizeMb ?? DEFAULT_MAX_FILE_MB);
	if (!Number.isFinite(megabytes) || megabytes <= 0) {
		throw new InputError(
			`'Max File Size (MB)' must be a number above 0, got ${JSON.stringify(options.maxFileSizeMb)}`,
			`Use e.g. ${DEFAULT_MAX_FILE_MB}.`,
		);
	}
	return Math.floor(megabytes * 1024 * 1024);
}
