/** prefloop diffusion module. */
package prefloop.diffusion;
