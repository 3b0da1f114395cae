/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The 95% Wilson score interval of `successes` out of `trials`, rounded to 4 decimals
 * (null with no trials). Unlike the normal approximation it stays inside [0, 1] and is
 * sensible for the small cohorts of B2B onboarding.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): [number, number] | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [round4(Math.max(0, centre - margin)), round4(Math.min(1, centre + margin))];
}
