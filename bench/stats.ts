/** Figures for the browser benchmarks: the next painted frame, and a one-line summary of timings. */

/** Resolves at the next animation frame, with its time: when what changed is on screen. */
export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `label  min … median … p90 … max … mean … ms`, for the console. */
export function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const f = (n: number) => n.toFixed(1).padStart(6);
  return `${label.padEnd(34)} min ${f(sorted[0]!)}  median ${f(percentile(sorted, 50))}  p90 ${f(percentile(sorted, 90))}  max ${f(sorted.at(-1)!)}  mean ${f(mean)} ms`;
}
