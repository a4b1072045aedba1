package dev.agentotel.example;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A small, safe arithmetic evaluator for the agent's {@code calculator} tool.
 *
 * <p>The expression comes from the model, so it is parsed by hand (recursive descent) rather than
 * handed to a script engine: only numbers, {@code + - * /}, parentheses and unary signs are
 * understood, and anything else is rejected with an {@link IllegalArgumentException} that says
 * what and where, a message the model can read and correct.
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := factor (('*' | '/') factor)*
 * factor     := ('+' | '-') factor | number | '(' expression ')'
 * number     := digits ['.' digits] | '.' digits
 * </pre>
 */
public final class Calculator {

    /**
     * Deepest nesting of parentheses and unary signs accepted. Each level costs a few stack
     * frames; the bound keeps hostile input such as ten thousand {@code (} from ending in a
     * {@link StackOverflowError}, which the agent's tool error handling would not catch.
     */
    static final int MAX_DEPTH = 100;

    private final String input;
    private int position;
    private int depth;

    private Calculator(String input) {
        this.input = input;
    }

    /**
     * Evaluates {@code expression} and formats the result with at most two decimals, for example
     * {@code "330 * 3.28084"} gives {@code "1082.68"} and {@code "2 * (3 + 4)"} gives {@code "14"}.
     *
     * @throws IllegalArgumentException when the expression is null, malformed, divides by zero
     *     or overflows
     */
    public static String calculate(String expression) {
        return format(evaluate(expression));
    }

    /**
     * Evaluates {@code expression} with the usual precedence ({@code * /} before {@code + -},
     * left to right).
     *
     * @throws IllegalArgumentException when the expression is null, malformed, divides by zero
     *     or overflows
     */
    public static double evaluate(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("Empty expression");
        }
        Calculator parser = new Calculator(expression);
        double value = parser.expression();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.unexpected();
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Result is too large: " + expression);
        }
        return value;
    }

    /** Rounds half-up to two decimals and drops trailing zeros: {@code 4.0} gives {@code "4"}. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Not a finite number: " + value);
        }
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private double expression() {
        double value = term();
        while (true) {
            if (accept('+')) {
                value += term();
            } else if (accept('-')) {
                value -= term();
            } else {
                return value;
            }
        }
    }

    private double term() {
        double value = factor();
        while (true) {
            if (accept('*')) {
                value *= factor();
            } else if (accept('/')) {
                skipWhitespace();
                int divisorPosition = position;
                double divisor = factor();
                if (divisor == 0) {
                    throw new IllegalArgumentException(
                            "Division by zero at position " + (divisorPosition + 1) + " in: " + input);
                }
                value /= divisor;
            } else {
                return value;
            }
        }
    }

    private double factor() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Expression nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            if (accept('-')) {
                return -factor();
            }
            if (accept('+')) {
                return factor();
            }
            if (accept('(')) {
                double value = expression();
                if (!accept(')')) {
                    throw atEnd()
                            ? new IllegalArgumentException("Missing ')' at end of: " + input)
                            : unexpected();
                }
                return value;
            }
            return number();
        } finally {
            depth--;
        }
    }

    private double number() {
        skipWhitespace();
        int start = position;
        while (!atEnd() && Character.isDigit(input.charAt(position))) {
            position++;
        }
        if (!atEnd() && input.charAt(position) == '.') {
            position++;
            int fractionStart = position;
            while (!atEnd() && Character.isDigit(input.charAt(position))) {
                position++;
            }
            if (position == fractionStart) {
                position = start;
                throw new IllegalArgumentException(
                        "Malformed number at position " + (start + 1) + " in: " + input);
            }
        }
        if (position == start) {
            throw atEnd()
                    ? new IllegalArgumentException("Unexpected end of expression: " + input)
                    : unexpected();
        }
        return Double.parseDouble(input.substring(start, position));
    }

    /** Consumes {@code expected} (after any whitespace) when it is the next character. */
    private boolean accept(char expected) {
        skipWhitespace();
        if (!atEnd() && input.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(input.charAt(position))) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= input.length();
    }

    private IllegalArgumentException unexpected() {
        return new IllegalArgumentException("Unexpected '" + input.charAt(position)
                + "' at position " + (position + 1) + " in: " + input);
    }
}
