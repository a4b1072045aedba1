package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '=', value = {
        "330 * 3.28084        = 1082.68",
        "1 + 2 * 3            = 7",
        "(1 + 2) * 3          = 9",
        "10 - 4 - 3           = 3",
        "2 * 3 / 4            = 1.5",
        "100 / 10 / 5         = 2",
        "-3 + 5               = 2",
        "-(2 + 3) * 2         = -10",
        "2 * -3               = -6",
        "--4                  = 4",
        "+4                   = 4",
        ".5 + 0.25            = 0.75",
        "1 / 3                = 0.33",
        "2 / 3                = 0.67",
        "0.005                = 0.01",
        "((((7))))            = 7",
        "  12  *  ( 3+4 )     = 84",
        "1.10 * 2             = 2.2",
        "0 * -1               = 0",
    })
    void evaluatesWithPrecedenceAndFormatsToTwoDecimals(String expression, String expected) {
        assertThat(Calculator.calculate(expression)).isEqualTo(expected);
    }

    @Test
    void evaluateKeepsFullPrecision() {
        assertThat(Calculator.evaluate("330 * 3.28084")).isCloseTo(1082.6772, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "1 +", "* 2", "(1 + 2", "1 + 2)", "2 ^ 3", "1..2", "1.", "abc", "2 (3)", "3 4"})
    void rejectsMalformedExpressions(String expression) {
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate(expression));
    }

    @Test
    void errorMessagesSayWhatAndWhere() {
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate("2 ^ 3"))
                .withMessage("Unexpected '^' at position 3 in: 2 ^ 3");
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate("(1 + 2"))
                .withMessage("Missing ')' at end of: (1 + 2");
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate("1 +"))
                .withMessage("Unexpected end of expression: 1 +");
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate(null))
                .withMessage("Empty expression");
    }

    @Test
    void rejectsDivisionByZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate("1 / (2 - 2)"))
                .withMessageStartingWith("Division by zero at position 5");
    }

    @Test
    void rejectsOverflow() {
        String huge = "9".repeat(400);
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate(huge + " * 10"))
                .withMessageStartingWith("Result is too large");
    }

    @Test
    void rejectsDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> Calculator.calculate(deep))
                .withMessageContaining("nested more than " + Calculator.MAX_DEPTH);
        String withinLimit = "(".repeat(Calculator.MAX_DEPTH - 1) + "1" + ")".repeat(Calculator.MAX_DEPTH - 1);
        assertThat(Calculator.calculate(withinLimit)).isEqualTo("1");
    }
}
