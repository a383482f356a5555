package prefloop.reliability;

/**
 * One fuzzed input and how it was made.
 *
 * @param strategy the mutation that produced it (for the per-strategy tally)
 * @param bytes the input itself
 */
record FuzzCase(String strategy, byte[] bytes) {}
