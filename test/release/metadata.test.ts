import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { OpenDialogApi } from '../../credentials/OpenDialogApi.credentials';
import { OpenDialogGenerateWebchatDeeplinks } from '../../nodes/OpenDialogGenerateWebchatDeeplinks/OpenDialogGenerateWebchatDeeplinks.node';
import { OpenDialogGetInteractions } from '../../nodes/OpenDialogGetInteractions/OpenDialogGetInteractions.node';
import { OpenDialogTrigger } from '../../nodes/OpenDialogTrigger/OpenDialogTrigger.node';
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

const nodes = [
	new OpenDialogGetInteractions(),
	new OpenDialogGenerateWebchatDeeplinks(),
	new OpenDialogTrigger(),
];

describe("what n8n's review checks first", () => {
	test('package metadata points at one public repository', () => {
		// The form npm publishes and checks the provenance statement against.
		expect(manifest.repository.url).toBe(`git+${repository}.git`);
		expect(manifest.homepage).toBe(`${repository}#readme`);
		expect(manifest.bugs.url).toBe(`${repository}/issues`);
		expect(manifest.author.name).toBeTruthy();
		expect(manifest.author.email).toMatch(/@/);
	});

	test.each(nodes.map((node) => [node.description.name]))(
		'%s codex: categories from n8n list, documentation on the README section',
		(name) => {
			const folder = name.charAt(0).toUpperCase() + name.slice(1);
			const codex = JSON.parse(read(`nodes/${folder}/${folder}.node.json`));
			expect(codex.node).toBe(`${manifest.name}.${name}`);
			expect(codex.categories.filter((c: string) => !N8N_CATEGORIES.includes(c))).toEqual([]);
			const [primary] = codex.resources.primaryDocumentation;
			const anchor = primary.url.replace(`${repository}#`, '');
			expect(primary.url).toBe(`${repository}#${anchor}`);
			const headings = read('README.md')
				.split('\n')
				.filter((line) => line.startsWith('## '))
				.map((line) => line.slice(3).trim().toLowerCase().replace(/\s+/g, '-'));
			expect(headings).toContain(anchor);
		},
	);

	test('every options list is in alphabetical order, as n8n UI guidelines ask', () => {
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
		for (const node of nodes) check(node.description.displayName, node.description.properties);
		check('OpenDialog API credential', new OpenDialogApi().properties);
		expect(unsorted).toEqual([]);
	});
});
