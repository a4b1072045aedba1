/**
 * The agentotel annotation processor. Internal packages: {@code model} (immutable descriptors),
 * {@code read} (elements to model), {@code validate} (model to report) and {@code write}
 * (JavaPoet).
 */
package dev.agentotel.processor;
