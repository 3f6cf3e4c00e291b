import type { Configuration } from 'electron-builder';
import { flipHardenedFuses } from './packaging/fuses.ts';
import { packagedFilePatterns, unpackPatterns } from './src-main/shared/resources.ts';
import { APP_ID, LINK_SCHEME, PAPER_FILE_EXTENSIONS } from './src-main/shared/app-links.ts';

/**
 * electron-builder 26: Linux AppImage + deb, macOS dmg, Windows nsis. The files in the package and what is
 * unpacked from the asar come from the resource resolver's lists (src-main/shared/resources.ts), which
 * `npm run package:verify` checks the built package against. Building needs no network but Electron itself
 * (see packaging/README.md).
 */
const config: Configuration = {
  appId: APP_ID,
  productName: 'MotivGraph Studio',
  executableName: 'motivgraph-studio',
  copyright: 'MotivGraph Studio contributors',
  directories: { output: 'dist', buildResources: 'packaging/build-resources' },
  files: [
    ...packagedFilePatterns(),
    // The local engine runs on the CPU (local-llm/engine.ts: gpu: false): the CUDA and Vulkan builds stay out.
    '!node_modules/@node-llama-cpp/*-{cuda,cuda-ext,vulkan}/**',
  ],
  // The resolver names what is unpacked; electron-builder's own guess (smartUnpack) would unpack more.
  asar: { smartUnpack: false },
  asarUnpack: unpackPatterns(),
  // Prebuilt Node-API binaries load in Electron as they are (better-sqlite3 13, onnxruntime, node-llama-cpp).
  npmRebuild: false,
  electronLanguages: ['en-US'],
  fileAssociations: [
    {
      ext: [...PAPER_FILE_EXTENSIONS],
      name: 'Paper references',
      description: 'Paper references to import into MotivGraph Studio',
      role: 'Viewer',
    },
  ],
  protocols: [{ name: 'MotivGraph Studio link', schemes: [LINK_SCHEME] }],
  // No update server: nothing is fetched or checked (publish: null keeps electron-builder from writing
  // app-update.yml, and the app has no updater).
  publish: null,
  afterPack: flipHardenedFuses,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Science',
    icon: 'resources/icons',
    mimeTypes: ['x-scheme-handler/motiv'],
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  mac: { target: ['dmg'], category: 'public.app-category.education', icon: 'resources/icons/icon.icns' },
  win: { target: ['nsis'], icon: 'resources/icons/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
