import { readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { ROOT } from './clean-copy';

/** The categories n8n's nodes panel groups nodes by. */
const N8N_CATEGORIES = [
	'AI',
	'Analytics',
	'Communication',
	'Core Nodes',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'HITL',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const repository = 'https://github.com/opendialogai/n8n-nodes-opendialog';

/** The classes n8n loads: each file the n8n block lists, from its TypeScript source. */
async function load<T>(distFile: string): Promise<T> {
	const source = distFile.replace(/^dist\//, '').replace(/\.js$/, '');
	const className = path.basename(source).split('.')[0];
	const module = await import(path.join(ROOT, source));
	return new module[className]() as T;
}
/** GitHub's anchors for the README's section headings. */
const readmeAnchors = () =>
	read('README.md')
		.split('\n')
		.filter((line) => /^#{2,3} /.test(line))
		.map((line) => line.replace(/^#+ /, '').trim().toLowerCase().replace(/\s+/g, '-'));

/** OpenDialog's public API documentation, or a section of this package's README. */
const isKnownDocumentation = (url: string) =>
	url === 'https://docs.opendialog.ai/developing-with-opendialog/public-apis' ||
	(url.startsWith(`${repository}#`) && readmeAnchors().includes(url.split('#')[1]));

const nodeFiles: string[] = manifest.n8n.nodes;
const credentialFiles: string[] = manifest.n8n.credentials;

describe("what n8n's review checks first", () => {
	test('package metadata points at one public repository', () => {
		// The form npm publishes and checks the provenance statement against.
		expect(manifest.repository.url).toBe(`git+${repository}.git`);
		expect(manifest.homepage).toBe(`${repository}#readme`);
		expect(manifest.bugs.url).toBe(`${repository}/issues`);
		expect(manifest.author.name).toBeTruthy();
		expect(manifest.author.email).toMatch(/@/);
	});

	test.each(nodeFiles)(
		'%s: codex categories from n8n list, documentation on its README section',
		async (file) => {
			const { name } = (await load<INodeType>(file)).description;
			const codex = JSON.parse(read(file.replace(/^dist\//, '').replace(/\.js$/, '.json')));
			expect(codex.node).toBe(`${manifest.name}.${name}`);
			expect(codex.categories.filter((c: string) => !N8N_CATEGORIES.includes(c))).toEqual([]);
			const [primary] = codex.resources.primaryDocumentation;
			const anchor = primary.url.replace(`${repository}#`, '');
			expect(primary.url).toBe(`${repository}#${anchor}`);
			expect(readmeAnchors()).toContain(anchor);
			const links = (codex.resources.credentialDocumentation ?? []).map(
				(link: { url: string }) => link.url,
			);
			expect(links.filter((url: string) => !isKnownDocumentation(url))).toEqual([]);
		},
	);

	test.each(credentialFiles)('%s: documentation URL resolves', async (file) => {
		const { documentationUrl } = await load<ICredentialType>(file);
		expect(isKnownDocumentation(documentationUrl ?? '')).toBe(true);
	});

	test('every options list is in alphabetical order, as n8n UI guidelines ask', async () => {
		const unsorted: string[] = [];
		const check = (where: string, properties: Array<INodeProperties | INodePropertyCollection>) => {
			for (const property of properties) {
				const options = 'options' in property ? (property.options ?? []) : [];
				const names = options.map((option) =>
					'displayName' in option ? option.displayName : (option as INodePropertyOptions).name,
				);
				const sorted = [...names].sort((a, b) => a.localeCompare(b));
				if (names.join('|') !== sorted.join('|')) unsorted.push(`${where} → ${names.join(', ')}`);
				const nested = options.filter(
					(option) => 'values' in option || 'displayName' in option,
				) as Array<INodeProperties | INodePropertyCollection>;
				check(`${where} ${property.displayName}`, nested);
				for (const option of options) {
					if ('values' in option) check(`${where} ${option.displayName}`, option.values);
				}
			}
		};
		for (const file of nodeFiles) {
			const { description } = await load<INodeType>(file);
			check(description.displayName, description.properties);
		}
		for (const file of credentialFiles) {
			const credential = await load<ICredentialType>(file);
			check(credential.displayName, credential.properties);
		}
		expect(unsorted).toEqual([]);
	});
});
