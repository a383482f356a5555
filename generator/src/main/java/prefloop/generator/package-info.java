/** prefloop generator module. */
package prefloop.generator;
