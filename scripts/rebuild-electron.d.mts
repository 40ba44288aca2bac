// Types for rebuild-electron.mjs, so TypeScript tests can import it.
export declare function electronBuildPath(projectRoot: string, electronVersion: string, platform?: string, arch?: string): string;
export declare function installedElectronVersion(projectRoot?: string): string | null;
export declare function rebuildForElectron(
  electronVersion: string,
  options?: { projectRoot?: string; force?: boolean; log?: (line: string) => void },
): Promise<string>;
