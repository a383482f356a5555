/** Kafka plumbing: consumer loops, the model rater, the JSON ingress, the publisher. */
package prefloop.rater.kafka;
