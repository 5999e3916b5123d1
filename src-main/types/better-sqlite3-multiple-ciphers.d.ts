// The package ships index.d.ts but its "exports" map hides it from TypeScript's
// resolver. tsconfig maps this type-only alias to that file; being type-only,
// it never reaches the runtime resolver (tsx, vite), which would choke on it.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3-multiple-ciphers-types';
  export = Database;
}
