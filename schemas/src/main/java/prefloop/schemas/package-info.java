/** prefloop schemas module. */
package prefloop.schemas;
