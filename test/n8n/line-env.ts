import { installDirVariable } from '../helpers/real-n8n';

/** Per test file: point the helpers at the n8n install of this project's line. */
const version = (globalThis as { n8nVersion?: string }).n8nVersion!;
process.env.OPENDIALOG_N8N_VERSION = version;
process.env.OPENDIALOG_N8N_DIR = process.env[installDirVariable(version)];
