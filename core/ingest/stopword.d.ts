// stopword 3.x ships no type declarations; only the word lists are used here.
declare module 'stopword' {
  export const ita: string[];
  export const eng: string[];
}
