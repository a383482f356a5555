/** prefloop broker module. */
package prefloop.broker;
