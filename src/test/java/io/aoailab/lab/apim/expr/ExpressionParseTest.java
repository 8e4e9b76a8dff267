package io.aoailab.lab.apim.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What the lab refuses when a policy is loaded: each construct outside the subset, named, with its offset. */
class ExpressionParseTest {

    private static ExpressionException rejected(String text) {
        try {
            Expression.parse(text);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("Expecting " + text + " to be rejected");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "@(context.Variables.Select(v => v.Key))|lambda expression '=>' is not supported by the lab",
        "@(new JObject())|'new' expression is not supported by the lab",
        "@(typeof(string))|'typeof' expression is not supported by the lab",
        "@{ foreach (var h in context.Request.Headers) { } return 1; }|'foreach' statement is not supported by the lab",
        "@{ while (true) { } return 1; }|'while' statement is not supported by the lab",
        "@{ try { return 1; } catch { return 2; } }|'try' statement is not supported by the lab",
        "@(\"x\".PadLeft(3))|method 'PadLeft' of string is not supported by the lab",
        "@(context.Request.Foo)|property 'Foo' of Request is not supported by the lab",
        "@(context.User.Email)|property 'User' of Context is not supported by the lab",
        "@(context.Request.Body.As<byte[]>())|type argument 'byte[]' is not supported by the lab",
        "@(context.Request.Body.As<XElement>())|type argument 'XElement' is not supported by the lab",
        "@(context.Request.Headers.TryGetValue(\"a\", out var v))|'out' argument is not supported by the lab",
        "@(Regex.IsMatch(\"a\", \"b\"))|type 'Regex' is not supported by the lab",
        "@(System.Text.Encoding.UTF8)|type 'System.Text.Encoding.UTF8' is not supported by the lab",
        "@(1 << 2)|shift operator '<<' is not supported by the lab",
        "@(1 & 2)|bitwise operator '&' is not supported by the lab",
        "@{ var i = 0; i++; return i; }|increment operator '++' is not supported by the lab",
        "@((float)1)|cast to 'float' is not supported by the lab",
        "@(1.5m)|numeric suffix 'm' is not supported by the lab",
        "@(0x1F)|hexadecimal literal is not supported by the lab",
        "@($\"{1:N2}\")|format or alignment in an interpolation hole is not supported by the lab",
        "@(context.Variables.GetValueOrDefault<string>(\"a\", defaultValue: \"b\"))|named argument 'defaultValue' is not supported by the lab",
        "@(\"a\".Substring(1).Trim().Foo())|method 'Foo' of string is not supported by the lab",
        "@(context.Variables[\"x\"].Bar)|property 'Bar' of object is not supported by the lab",
    })
    void should_name_the_construct_when_it_is_outside_the_subset(String text, String problem) {
        assertThat(rejected(text).problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "@{ if (true) { return 1; } }|syntax error: not all code paths return a value",
        "@(undefinedName)|syntax error: the name 'undefinedName' does not exist in the current context",
        "@(1 +)|syntax error: unexpected end of expression",
        "@(\"a\".Substring())|syntax error: no overload for method 'Substring' takes 0 arguments",
        "@(context.Request.Body.As())|syntax error: the type arguments for method 'As' cannot be inferred",
        "@(context.Request.Method;)|syntax error: unexpected ';' after the expression",
        "@(\"open)|syntax error: unterminated string literal",
        "@{ var x = null; return x; }|syntax error: cannot assign null to an implicitly-typed variable",
        "@(1 ? 2 : 3)|syntax error: cannot implicitly convert type 'int' to 'bool'",
        "@{ var a = 1; var a = 2; return a; }|syntax error: a local variable named 'a' is already defined in this scope",
    })
    void should_report_syntax_errors_when_the_text_is_not_valid_csharp(String text, String problem) {
        assertThat(rejected(text).problem()).isEqualTo(problem);
    }

    @Test
    void should_point_at_the_offending_construct_when_it_is_deep_inside_a_block() {
        // GIVEN the lambda on the third line
        String text = "@{\n  var a = 1;\n  return context.Variables.Select(v => v);\n}";

        // WHEN / THEN the offset is the lambda's
        ExpressionException e = rejected(text);
        assertThat(text.substring(e.offset())).startsWith("=> v");
        assertThat(e.fix()).contains("LINQ and lambdas are outside the lab's subset");
    }

    @Test
    void should_evaluate_without_a_context_when_the_expression_needs_none() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(Expression.parse("@(DateTime.UtcNow.AddMinutes(90).Hour)").evaluate(null, clock)).isEqualTo(11);
        assertThat(Expression.parse("@(TimeSpan.FromSeconds(90).ToString())").evaluate(null, clock))
                .isEqualTo("00:01:30");
        assertThat(Expression.parse("@(Math.Round(2.5) + Math.Abs(-1))").evaluate(null, clock)).isEqualTo(3.0);
    }

    @Test
    void should_reject_text_that_is_not_an_expression_when_parsed_as_one() {
        assertThatThrownBy(() -> Expression.parse("plain")).isInstanceOf(ExpressionException.class)
                .hasMessage("syntax error: an expression starts with @( or @{. Fix: write @(expression) or "
                        + "@{ statements; return value; }.");
        assertThat(Expression.isExpression("@(1)")).isTrue();
        assertThat(Expression.isExpression("{\"a\":1}")).isFalse();
    }
}
