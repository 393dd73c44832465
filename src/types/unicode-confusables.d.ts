// The package ships its types as `index.ts.d`, which TypeScript never finds.
declare module "unicode-confusables" {
  /** Each code point replaced by its UTS #39 confusables prototype; zero-width characters dropped. */
  export function rectifyConfusion(input: string): string;
}
