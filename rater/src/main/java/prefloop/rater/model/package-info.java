/** Reward models: the interface and the TorchScript and remote kinds. */
package prefloop.rater.model;
