/** The rater service: config, verticle, main, metrics. */
package prefloop.rater.service;
