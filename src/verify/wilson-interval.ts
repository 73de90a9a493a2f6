/**
 * The 95 % Wilson score interval of `bad` out of `total`: honest for small counts and rates near 0,
 * where the normal approximation claims a certainty nobody has. `[0, 1]` for no observations.
 */
export function wilsonInterval(bad: number, total: number, z = 1.959964): [number, number] {
  if (total <= 0) return [0, 1];
  const rate = bad / total;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * total)) / (1 + z2 / total);
  const half = (z * Math.sqrt((rate * (1 - rate)) / total + z2 / (4 * total * total))) / (1 + z2 / total);
  const round = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1e6) / 1e6;
  return [round(centre - half), round(centre + half)];
}
