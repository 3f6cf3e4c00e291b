// electron-vite (Vite) replaces `import.meta.env.DEV` at build time: true for `electron-vite dev`, false in
// every production build, so the dev-server branch of the shell is a constant there.
interface ImportMetaEnv {
  DEV: boolean;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
