using System.Text.Json.Nodes;
using Bayan.Core.Verification;

namespace Bayan.Tests.Core;

public class CanonicalJsonTests
{
    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_as_RFC_8785_shows()
    {
        var value = new JsonObject
        {
            ["\u20ac"] = "Euro Sign",
            ["\r"] = "Carriage Return",
            ["\ufb33"] = "Hebrew Letter Dalet With Dagesh",
            ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face",
            ["\u0080"] = "Control",
            ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };

        var text = CanonicalJson.SerializeToString(value);

        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            text);
    }

    [Fact]
    public void Strings_escape_only_what_JSON_requires_and_keep_every_script()
    {
        var value = new JsonArray("quote \" slash \\ tab \t newline \n bell \u0007", "بیانیهٔ شمارهٔ ۳ — بيان", "\u2028\u2029</script>", null, true, false, 42, -7);

        Assert.Equal(
            "[\"quote \\\" slash \\\\ tab \\t newline \\n bell \\u0007\",\"بیانیهٔ شمارهٔ ۳ — بيان\",\"\u2028\u2029</script>\",null,true,false,42,-7]",
            CanonicalJson.SerializeToString(value));
    }

    [Fact]
    public void Parsed_and_built_values_give_the_same_bytes_whatever_the_order()
    {
        var built = new JsonObject { ["b"] = new JsonArray(1, 2), ["a"] = new JsonObject { ["y"] = null, ["x"] = "x" } };
        var parsed = JsonNode.Parse("{ \"a\": { \"x\": \"x\", \"y\": null }, \"b\": [ 1, 2 ] }");

        Assert.Equal(CanonicalJson.Serialize(built), CanonicalJson.Serialize(parsed));
        Assert.Equal("{\"a\":{\"x\":\"x\",\"y\":null},\"b\":[1,2]}", CanonicalJson.SerializeToString(parsed));
    }

    [Fact]
    public void What_has_no_single_canonical_form_here_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create(1.5)));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create(9_007_199_254_740_993L)));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("lone \ud800 surrogate")));
    }
}
