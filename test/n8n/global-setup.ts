import path from 'node:path';

import { n8nInstallDir, packPackage } from '../helpers/real-n8n';

/** Once per run: the pinned n8n (installed on first use) and a fresh tarball of this package. */
export default async function globalSetup(): Promise<void> {
	process.env.OPENDIALOG_N8N_DIR = n8nInstallDir();
	process.env.OPENDIALOG_TARBALL = packPackage(path.resolve(__dirname, '..', '..', '.tmp', 'pack'));
}
