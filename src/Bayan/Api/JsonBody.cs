using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bayan.Api;

/// <summary>
/// Reads a JSON request body strictly: a JSON object, in snake_case, no unknown properties, no missing required ones,
/// numbers as numbers, within a size limit. Whatever is wrong is said precisely, with where in the body it is.
/// </summary>
public static partial class JsonBody
{
    /// <summary>Three languages of the longest statement the editor accepts fit, with room to spare.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>
    /// The body as <typeparamref name="T"/> and as it was sent (to tell a property sent as null from one not sent);
    /// or the problem to answer.
    /// </summary>
    public static async Task<(T? Value, JsonElement Raw, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        var none = default(JsonElement);
        if (optional && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, none, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, none, Problem(StatusCodes.Status415UnsupportedMediaType, "Send the body as JSON.", "Content-Type must be application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, none, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, none, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return (null, none, Problem(StatusCodes.Status400BadRequest, "The body is not well-formed JSON.", Clean(e, null)));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, none, Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object.", "It is " + document.RootElement.ValueKind.ToString().ToLowerInvariant() + "."));
            }

            if (NullInside(document.RootElement, "$") is { } where)
            {
                return (null, none, Problem(StatusCodes.Status400BadRequest, "The body does not fit what this endpoint takes.", $"null is not a value here (at {where})."));
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(Strict);
                return value is null
                    ? (null, none, Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object.", "It is null."))
                    : (value, document.RootElement.Clone(), null);
            }
            catch (JsonException e)
            {
                return (null, none, Problem(StatusCodes.Status400BadRequest, "The body does not fit what this endpoint takes.", Clean(e, typeof(T))));
            }
        }
    }

    /// <summary>Whether <paramref name="element"/> (an object) has <paramref name="property"/>, null or not.</summary>
    public static bool Has(JsonElement element, string property) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out _);

    /// <summary>
    /// Where a null stands that no request body of this API allows: as an item of a list, or as a text in an object of
    /// texts by language (every object below the top level but the items of a list).
    /// </summary>
    private static string? NullInside(JsonElement element, string path, bool isTexts = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var at = $"{path}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        return at;
                    }

                    if (NullInside(item, at) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = $"{path}.{property.Name}";
                    if (isTexts && property.Value.ValueKind == JsonValueKind.Null)
                    {
                        return at;
                    }

                    if (NullInside(property.Value, at, isTexts: path == "$" && property.Value.ValueKind == JsonValueKind.Object) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public static ProblemHttpResult Problem(int status, string title, string? detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {MaxBytes / 1024 / 1024} MB of JSON; attachments are uploaded on their own.");

    /// <summary>System.Text.Json's message in the API's terms: JSON names and types rather than .NET ones.</summary>
    private static string Clean(JsonException e, Type? body)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var message = e.Message;
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            return $"Unknown property \"{unmapped.Groups[1].Value}\" at {path}.";
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            return $"Missing required {missing.Groups[1].Value.Replace('\'', '"')} at {path}.";
        }

        if (NotNull().Match(message) is { Success: true } notNull)
        {
            return $"\"{JsonNamingPolicy.SnakeCaseLower.ConvertName(notNull.Groups[1].Value)}\" cannot be null (at {path}).";
        }

        if (body is not null && message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"Wrong type at {path}: expected {Expected(body, path)}.";
        }

        // A syntax error: the reader says what it found and where.
        return message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd(' ', '|') + $" (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).";
    }

    /// <summary>What the property at <paramref name="path"/> holds, in JSON's words: found among the body's types by its JSON name.</summary>
    private static string Expected(Type body, string path)
    {
        var element = path.EndsWith(']');
        var name = LastName().Match(path).Groups[1].Value;
        var types = new List<Type> { body };
        for (var i = 0; i < types.Count; i++)
        {
            foreach (var property in types[i].GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) == name)
                {
                    return JsonType(element && type.IsGenericType ? type.GetGenericArguments()[^1] : type);
                }

                types.AddRange(type.GetGenericArguments().Where(t => t.Namespace == typeof(JsonBody).Namespace && !types.Contains(t)));
            }
        }

        return "another type";
    }

    private static string JsonType(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateOnly) => "a date (YYYY-MM-DD)",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time (ISO 8601, with its offset)",
        _ when type.Name.Contains("Dictionary", StringComparison.Ordinal) => "an object of strings by language code",
        _ when type.Name.Contains("List", StringComparison.Ordinal) => "an array",
        _ => "an object",
    };

    [GeneratedRegex(@"([a-z0-9_]+)(?:\[\d+\])*$")]
    private static partial Regex LastName();

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex Missing();

    [GeneratedRegex("(?:property or field|constructor parameter) '([^']*)' .*(?:null values|setting null)")]
    private static partial Regex NotNull();
}
