/** Immutable descriptors of annotated classes and methods, read from the compiler's elements. */
package dev.agentotel.processor.model;
