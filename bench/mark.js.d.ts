/** The part of mark.js 8 (which ships no types) that the probe uses. */
declare module 'mark.js/dist/mark.es6.js' {
  interface MarkOptions {
    separateWordSearch?: boolean;
    accuracy?: 'partially' | 'complementary' | 'exactly';
    done?: (marks: number) => void;
  }
  export default class Mark {
    constructor(context: Element | Document);
    mark(keywords: string | string[], options?: MarkOptions): void;
    markRegExp(regexp: RegExp, options?: MarkOptions): void;
  }
}
