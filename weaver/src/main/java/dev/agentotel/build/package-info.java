/** Build-time tools: the weave verification step a user's build runs after weaving. */
package dev.agentotel.build;
