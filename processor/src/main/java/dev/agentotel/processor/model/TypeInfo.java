package dev.agentotel.processor.model;

/**
 * A declared type as the processor sees it.
 *
 * @param display the type as written in messages ({@code java.util.List<java.lang.String>})
 * @param valueType how generated code may read it
 * @param arrayType the erased array type for casts ({@code java.lang.Object[]}, {@code int[]}),
 *     {@code null} unless {@code valueType} is {@link ValueType#ARRAY}
 * @param typeArgument for {@link ValueType#STREAM_RESPONSE} and {@link ValueType#FUTURE}, what the
 *     stream or future holds; {@code null} otherwise or when raw
 */
public record TypeInfo(String display, ValueType valueType, String arrayType, TypeInfo typeArgument) {

    public TypeInfo(String display, ValueType valueType, String arrayType) {
        this(display, valueType, arrayType, null);
    }

    public TypeInfo(String display, ValueType valueType) {
        this(display, valueType, null, null);
    }

    /** Whether the compiler does not know this type, or what it holds ({@code CompletableFuture<Generated>}), yet. */
    public boolean isUnresolved() {
        return valueType == ValueType.UNRESOLVED || (typeArgument != null && typeArgument.isUnresolved());
    }
}
