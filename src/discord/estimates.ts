/**
 * Typical Kling O3 Standard run time, for the progress bar only (FACTS.md: ≈94 s for a 5 s image-to-video clip).
 * An estimate: the bar never claims more than 95 % until fal says COMPLETED.
 */
export const TYPICAL_RUN = { baseSec: 45, perOutputSec: 10, maxShownFraction: 0.95 } as const;

export function estimatedRunSec(outputSec: number): number {
  return TYPICAL_RUN.baseSec + TYPICAL_RUN.perOutputSec * outputSec;
}

export function estimatedFraction(runningForSec: number, outputSec: number): number {
  return Math.min(TYPICAL_RUN.maxShownFraction, Math.max(0, runningForSec / estimatedRunSec(outputSec)));
}
