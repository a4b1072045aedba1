/** Turns the compiler's elements into the processor's model, without judging them. */
package dev.agentotel.processor.read;
