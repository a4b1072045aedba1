/** Judges the model: every problem becomes a {@link dev.agentotel.processor.validate.Diagnostic}. */
package dev.agentotel.processor.validate;
