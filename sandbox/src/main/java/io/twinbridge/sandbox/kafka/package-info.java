/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) started inside this JVM, for the demo and
 * the benchmarks. Tests of the gateway use Kafka's own {@code KafkaClusterTestKit} instead.
 */
package io.twinbridge.sandbox.kafka;
