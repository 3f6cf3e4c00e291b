import { flipFuses, FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { Arch, type AfterPackContext, type LinuxPackager } from 'electron-builder';
import { join } from 'node:path';

/**
 * Electron's security checklist item 19 (fuses): flipped in the packaged binary after electron-builder copies
 * it, so they hold whatever the app or its environment does.
 */
export const HARDENED_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let the environment inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The asar's hash is checked at start (macOS and Windows; electron-builder embeds it there).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const;

/** The packaged Electron binary whose fuse wire is flipped (the .app bundle on macOS). */
export function packagedBinary(
  context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>,
): string {
  const product = context.packager.appInfo.productFilename;
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas')
    return join(context.appOutDir, `${product}.app`);
  if (context.electronPlatformName === 'win32') return join(context.appOutDir, `${product}.exe`);
  // The Linux packager names the executable (package.json executableName, else the product name).
  return join(context.appOutDir, (context.packager as LinuxPackager).executableName);
}

/** electron-builder's afterPack hook. */
export async function flipHardenedFuses(context: AfterPackContext): Promise<void> {
  const binary = packagedBinary(context);
  await flipFuses(binary, {
    ...HARDENED_FUSES,
    // Re-signing ad hoc keeps an arm64 macOS binary launchable after its bytes changed.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
  });
}

/** The fuses as the binary holds them now, by name: what package:verify compares with HARDENED_FUSES. */
export async function readFuses(binary: string): Promise<Record<string, boolean>> {
  const wire = await getCurrentFuseWire(binary);
  const fuses: Record<string, boolean> = {};
  for (const [option, state] of Object.entries(wire)) {
    if (option === 'version') continue;
    const name = FuseV1Options[Number(option)];
    if (name !== undefined) fuses[name] = state === FuseState.ENABLE;
  }
  return fuses;
}
