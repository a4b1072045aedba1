package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodPlansTest {

    static class Outer {
        static class Inner {}
    }

    @Test
    void methodKeySpellsTypesTheWayTheProcessorDoes() {
        String key = MethodPlans.methodKey(
                "run", new Class<?>[] {int.class, String[].class, Outer.Inner.class, Map.class});

        assertThat(key).isEqualTo("run(int,java.lang.String[],dev.agentotel.internal.MethodPlansTest$Outer$Inner,java.util.Map)");
        assertThat(MethodPlans.methodKey("noArgs", new Class<?>[0])).isEqualTo("noArgs()");
    }

    @Test
    void generatedClassOfANestedClassFlattensItsName() {
        assertThat(MethodPlans.generatedClassName(Outer.Inner.class))
                .isEqualTo("dev.agentotel.internal.MethodPlansTest_Outer_Inner_AgentTelemetry");
        assertThat(MethodPlans.generatedClassName(String.class)).isEqualTo("java.lang.String_AgentTelemetry");
    }
}
