using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Bayan.Tests.Api;

/// <summary>Checks an API answer against the schema the site's own OpenAPI document gives for it.</summary>
public static class OpenApiDocument
{
    /// <summary>
    /// The operation's response schema as a JSON Schema 2020-12 document, the document's components as its $defs, made
    /// strict: every object schema with named properties requires them all and allows no other, so that a name the
    /// document gets wrong fails here.
    /// </summary>
    public static void AssertValid(JsonObject openApi, string body, string path, string method, string status, string mediaType)
    {
        var operation = openApi["paths"]![path]?[method] ?? throw new Xunit.Sdk.XunitException($"The document has no {method} {path}.");
        var response = operation["responses"]![status] ?? throw new Xunit.Sdk.XunitException($"The document does not say {method} {path} answers {status}.");
        var target = response["content"]![mediaType]!["schema"]!.DeepClone().AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = openApi["components"]!["schemas"]!.DeepClone(),
        };
        foreach (var (key, value) in target.ToList())
        {
            target.Remove(key);
            root[key] = value;
        }

        Strict(root);
        // Problem details may carry extension members (RFC 9457), and their members are all optional.
        if (openApi["components"]!["schemas"]!["ProblemDetails"] is { } problem)
        {
            root["$defs"]!["ProblemDetails"] = problem.DeepClone();
        }

        var schema = JsonSchema.FromText(root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{method} {path} {status} does not match the OpenAPI document:\n"
            + string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))
            + "\n" + body[..Math.Min(body.Length, 1500)]);
    }

    private static void Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["properties"] is JsonObject properties && schema["additionalProperties"] is null)
                {
                    schema["additionalProperties"] = false;
                    schema["required"] = new JsonArray([.. properties.Select(p => (JsonNode)JsonValue.Create(p.Key)!)]);
                }

                foreach (var (_, child) in schema.ToList())
                {
                    Strict(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strict(child);
                }

                break;
        }
    }
}
