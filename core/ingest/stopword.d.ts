// stopword 3.x ships no type declarations; only the word lists are used here.
declare module 'stopword' {
  export const ita: string[];
  export const eng: string[];
  export const spa: string[];
  export const fra: string[];
  export const por: string[];
  export const deu: string[];
  export const nld: string[];
  export const ron: string[];
  export const cat: string[];
}
