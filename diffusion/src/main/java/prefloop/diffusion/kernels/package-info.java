/**
 * Whether the engine's kernels compute our model exactly on this CPU: {@link
 * prefloop.diffusion.kernels.KernelSelfCheck} repeats forwards and compares gradients with finite
 * differences, so that the launcher can pick the fastest oneDNN instruction set that is exact here
 * (docs/DEVELOPING.md).
 */
package prefloop.diffusion.kernels;
