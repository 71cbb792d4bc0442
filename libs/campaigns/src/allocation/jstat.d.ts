/** The part of jstat (a CommonJS module without bundled types) that the allocation uses. */
declare module 'jstat' {
  interface BetaDistribution {
    /** quantile: the x with P(X <= x) = p */
    inv(p: number, alpha: number, beta: number): number;
    cdf(x: number, alpha: number, beta: number): number;
  }
  interface JStat {
    beta: BetaDistribution;
    /** ln B(a, b) */
    betaln(a: number, b: number): number;
    normal: { inv(p: number, mean: number, std: number): number };
  }
  const jStat: JStat;
  export default jStat;
}
