import jStat from 'jstat';

/**
 * Evan Miller's closed form of P(B > A) for Beta(aA, bA) and Beta(aB, bB) posteriors with integer
 * parameters: the hand-computed reference the quadrature of the allocation is checked against.
 */
export function probabilityBBeatsA(aA: number, bA: number, aB: number, bB: number): number {
  let total = 0;
  for (let i = 0; i < aB; i++)
    total += Math.exp(
      jStat.betaln(aA + i, bA + bB) - Math.log(bB + i) - jStat.betaln(1 + i, bB) - jStat.betaln(aA, bA),
    );
  return total;
}
