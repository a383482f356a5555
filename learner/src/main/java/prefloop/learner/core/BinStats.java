package prefloop.learner.core;

/**
 * Running statistics of one timestep bin (bin 0 = the noisiest tenth of [0, T) for B = 10): the
 * paper's Fig. 2 made live.
 *
 * @param bin bin index k, counted from the noisiest
 * @param count pairs trained with a timestep in this bin so far
 * @param accuracy running fraction of those pairs with margin &gt; 0 (exponentially weighted)
 * @param rewardScale implicit reward scale: running mean |margin|
 * @param weight the current per-bin loss weight (1 unless ADAPTIVE after warm-up)
 */
public record BinStats(int bin, long count, double accuracy, double rewardScale, double weight) {}
