/**
 * APIM policy expressions: a tokenizer, a recursive-descent parser, a load-time checker and an interpreter for the
 * C# subset OpenAI gateway policies use (docs/apim-gateway.md §3.1).
 *
 * <p>Supported: {@code @(expr)} and {@code @{ statements }} with {@code var}/typed declarations, assignment (to
 * locals and JSON indexers, {@code =}, {@code +=}, {@code -=}), {@code if}/{@code else}, {@code return}; literals
 * (regular, verbatim and interpolated strings, chars, int, long, double, bool, null); {@code == != < <= > >= && || !
 * ?: ?? + - * / %}; casts to string, int, long, double, bool, object, JObject, JArray, JToken; {@code is}/{@code as}
 * and {@code is null}; member access, calls, indexers, {@code ?.} and {@code ?[]}; generic calls and named
 * arguments ({@code As<JObject>(preserveContent: true)}); the {@code context} surface; string, Guid, DateTime,
 * TimeSpan and JSON members; {@code string}, {@code int}, {@code long}, {@code double}, {@code bool}, {@code Math},
 * {@code Convert}, {@code DateTime}, {@code Guid}, {@code TimeSpan}, {@code JObject}/{@code JArray}/{@code JToken},
 * {@code StringComparison} and {@code Formatting} statics. See {@code Surface} for the exact member list.
 *
 * <p>Everything else (lambdas and LINQ, {@code new}, loops, {@code try}, {@code out}, other types such as Regex) fails
 * at load time with {@link io.aoailab.lab.apim.expr.ExpressionException}; run-time failures raise
 * {@link io.aoailab.lab.apim.expr.EvaluationException} with .NET's messages.
 */
package io.aoailab.lab.apim.expr;
