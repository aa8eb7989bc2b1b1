/** Dev stack: embedded Kafka broker, Ditto-compatible twin service, fleet simulator. */
package io.twinbridge.sandbox;
