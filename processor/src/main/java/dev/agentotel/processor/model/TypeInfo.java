package dev.agentotel.processor.model;

/**
 * A declared type as the processor sees it.
 *
 * @param display the type as written in messages ({@code java.util.List<java.lang.String>})
 * @param valueType how generated code may read it
 * @param arrayType the erased array type for casts ({@code java.lang.Object[]}, {@code int[]}),
 *     {@code null} unless {@code valueType} is {@link ValueType#ARRAY}
 */
public record TypeInfo(String display, ValueType valueType, String arrayType) {}
