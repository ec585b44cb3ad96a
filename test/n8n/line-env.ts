import { installDirVariable, n8nInstallDir } from '../helpers/real-n8n';

/**
 * Per test file: point the helpers at the n8n install of this project's line. Jest runs a
 * global setup file shared by several projects only once, so a line it did not set up is
 * looked up here (instant once installed).
 */
const version = (globalThis as { n8nVersion?: string }).n8nVersion!;
process.env.OPENDIALOG_N8N_VERSION = version;
process.env.OPENDIALOG_N8N_DIR = process.env[installDirVariable(version)] ?? n8nInstallDir(version);
