import packageJson from '../../../package.json' with { type: 'json' };

/** The version the CLI and the dev host report; Electron uses app.getVersion(), which reads the same file. */
export const APP_VERSION: string = packageJson.version;
