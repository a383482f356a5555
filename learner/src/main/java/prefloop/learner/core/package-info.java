/**
 * The learning core of the learner: preference objectives (Diffusion-DPO, D3PO), timestep
 * strategies, the stable reference update with its drift guard, and {@link
 * prefloop.learner.core.PreferenceTrainer}, the seam the online service drives. Pure maths and DJL;
 * no Kafka, no Vert.x.
 */
package prefloop.learner.core;
