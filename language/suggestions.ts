/**
 * "Did you mean …?" for misspelt words: the closest candidate, when it is close enough to be the
 * word the user meant (at most a third of the word's letters wrong, and never for very short words).
 */
import { editDistance } from '../engine/units.js';

export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length < 3) return undefined;
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}
