import path from 'node:path';

import { installDirVariable, n8nInstallDir, packPackage } from '../helpers/real-n8n';

/**
 * Once per run and n8n line (each project of jest.config.js names its line's version): that
 * n8n, installed on first use, and one fresh tarball of this package for every line.
 */
export default async function globalSetup(
	_globalConfig: unknown,
	project: { globals: { n8nVersion?: string } },
): Promise<void> {
	const version = project.globals.n8nVersion;
	if (!version) throw new Error('a real-n8n jest project must set globals.n8nVersion');
	process.env[installDirVariable(version)] ??= n8nInstallDir(version);
	process.env.OPENDIALOG_TARBALL ??= packPackage(
		path.resolve(__dirname, '..', '..', '.tmp', 'pack'),
	);
}
