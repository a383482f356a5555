/** prefloop app module. */
package prefloop.app;
