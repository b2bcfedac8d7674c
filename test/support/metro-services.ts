/**
 * examples/metro-services.nsc derived by hand, for the engine, CLI and editor tests.
 *
 * Each switch has one 2 GHz worker, batch 32, queue 64, and two one-module tasks: voice (cost c_v)
 * and bulk (c_b). Voice offers 0.8 Mpps, bulk 1 Mpps. With one flow per task θ_t is its cost, so
 *   voice delay = max(B c_b / T, Q c_v / (T w)) + B c_v / T, with Q c_v >= B c_b here: queuing wins;
 *   minimum weights m_v = 0.8e6 c_v / T, m_b = 1e6 c_b / T.
 * AccessUpf: c_v = 500, c_b = 1000: m_v = 0.2, m_b = 0.5, voice delay = 16 µs / w + 8 µs.
 * CoreUpf:   c_v = 250, c_b = 500:  m_v = 0.1, m_b = 0.25, voice delay = 8 µs / w + 4 µs.
 * VoiceUplink: acc1 → agg1 → core1 → app1 on Metro's links, 0.3 + 0.6 + 1.2 = 2.1 ms; SLO 2.18 ms.
 */
export const us = 1e-6;
export const ms = 1e-3;

export const VOICE_PROPAGATION = 2.1 * ms;
export const VOICE_SLO = 2.18 * ms;
export const accessVoiceDelay = (w: number) => (16 * us) / w + 8 * us;
export const coreVoiceDelay = (w: number) => (8 * us) / w + 4 * us;

/**
 * s* of the example by bisection on s, independent of the LP: at slack s the bulk margins allow
 * voice at most 1 - m_b (1 + s) of each worker, and the voice delay falls as its weight grows, so s
 * is reachable exactly when VoiceUplink's delay at those weights is within (1 - s) D. (Voice
 * capacity, and BulkUplink with more than 40% slack, never bind.) `slo` is D; s* < 0 proves that
 * no weights meet it.
 */
export function jointSlack(slo = VOICE_SLO): number {
  const reachable = (s: number) => VOICE_PROPAGATION + accessVoiceDelay(1 - 0.5 * (1 + s)) + coreVoiceDelay(1 - 0.25 * (1 + s)) <= (1 - s) * slo;
  let [low, high] = [-1, 0.5];
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (reachable(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** The joint optimum's voice weights: at the bulk margins' limit. */
export const jointVoiceWeights = (s = jointSlack()) => ({ access: 1 - 0.5 * (1 + s), core: 1 - 0.25 * (1 + s) });

/** VoiceUplink's end-to-end delay at the joint optimum. */
export function jointVoiceDelay(): number {
  const w = jointVoiceWeights();
  return VOICE_PROPAGATION + accessVoiceDelay(w.access) + coreVoiceDelay(w.core);
}

/** The best any weights give: voice takes all that bulk leaves, 1 - m_b (0.5 and 0.75). */
export const BEST_VOICE_DELAY = VOICE_PROPAGATION + accessVoiceDelay(0.5) + coreVoiceDelay(0.75);
