/**
 * The toy world (DESIGN §4): a prompt grammar, a renderer for 32×32 scenes, degradations for the
 * mixed-quality pretraining corpus, pixel-level attribute checks and a PNG codec with generation
 * parameters in text chunks. Pure Java: nothing here depends on DJL.
 */
package prefloop.world;
