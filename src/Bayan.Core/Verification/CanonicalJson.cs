using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bayan.Core.Verification;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the values a signed record holds: objects, arrays, strings, integers,
/// booleans and null. The same value always gives the same bytes, so a signature over them can be checked by anyone who
/// rebuilds the value, in any language with a JCS library.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Integers beyond this are not exact in the IEEE doubles RFC 8785 numbers are.</summary>
    private const long LargestExactInteger = 9_007_199_254_740_991;

    public static byte[] Serialize(JsonNode? value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string SerializeToString(JsonNode? value) => Encoding.UTF8.GetString(Serialize(value));

    private static void Write(JsonNode? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                // Members in the order of their names' UTF-16 code units, which is .NET's ordinal order.
                foreach (var member in obj.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(member.Key, text);
                    text.Append(':');
                    Write(member.Value, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(array[i], text);
                }

                text.Append(']');
                break;
            case JsonValue scalar:
                WriteScalar(scalar, text);
                break;
            default:
                throw new ArgumentException($"Not a JSON value: {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteScalar(JsonValue scalar, StringBuilder text)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(scalar.GetValue<string>(), text);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Number when scalar.TryGetValue<long>(out var integer) || TryInteger(scalar, out integer):
                if (Math.Abs(integer) > LargestExactInteger)
                {
                    throw new ArgumentException($"{integer} is too large for a canonical JSON number.", nameof(scalar));
                }

                text.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                // Fractions would need ECMAScript's shortest round-trip form; records hold none.
                throw new ArgumentException("Canonical records hold only integers, strings, booleans and null.", nameof(scalar));
        }
    }

    private static bool TryInteger(JsonValue scalar, out long integer)
    {
        integer = 0;
        return scalar.TryGetValue<int>(out var small) && (integer = small) == small;
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new ArgumentException("A string with a lone surrogate has no canonical form.", nameof(value));
            }

            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
