// citation-js ships no type declarations; these cover the one call the importer makes.
declare module '@citation-js/core' {
  export interface ChainOptions {
    /** The citation-js type to stop at, e.g. '@csl/list+object' or '@biblatex/entries+list'. */
    target?: string;
    generateGraph?: boolean;
  }
  export const plugins: {
    input: {
      chain(input: unknown, options?: ChainOptions): unknown;
    };
  };
  export const logger: {
    level: string;
  };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
