/** prefloop learner module. */
package prefloop.learner;
