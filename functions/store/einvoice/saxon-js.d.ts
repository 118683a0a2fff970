// saxon-js ships no type declarations: only the calls the e-invoice validator makes.
declare module 'saxon-js' {
  /** A node of SaxonJS's own DOM (in Node.js it has no browser DOM to use). */
  export interface SaxonNode {
    getAttribute(name: string): string | null;
    readonly textContent: string | null;
  }
  interface SaxonJS {
    getResource(options: { text: string; type: 'xml' }): Promise<SaxonNode>;
    transform(
      options: { stylesheetInternal: unknown; sourceNode: SaxonNode; destination: 'document' },
      mode: 'sync',
    ): { principalResult: SaxonNode };
    XPath: {
      evaluate(
        xpath: string,
        context: SaxonNode,
        options: { namespaceContext: Record<string, string>; resultForm: 'array' },
      ): SaxonNode[];
    };
  }
  const saxon: SaxonJS;
  export default saxon;
}
