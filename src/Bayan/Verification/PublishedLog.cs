using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bayan.Core.Verification;

namespace Bayan.Verification;

/// <summary>A published log that could not be read: an address that failed, a file that is not JSON.</summary>
public sealed class LogSourceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a log from its public addresses (docs/verification.md) — on the site itself or in a static mirror's files, which
/// hold them at the same addresses — as any independent program would, and feeds it to a <see cref="LogAudit"/>.
/// Trusts nothing it reads: every entry is re-canonicalized and re-hashed.
/// </summary>
public static class PublishedLog
{
    public const string KeysAddress = "/.well-known/bayan/keys.json";

    public const string HeadAddress = "/log/tree-head.json";

    /// <summary>One of the site's addresses as JSON; null when there is nothing there. Throws <see cref="LogSourceException"/>.</summary>
    public delegate Task<JsonObject?> Reader(string address, CancellationToken cancellationToken);

    /// <summary>Checks the keys, every entry and the newest tree head; returns the tree head's JSON (null for an empty log).</summary>
    public static async Task<JsonObject?> CheckAsync(Reader read, LogAudit audit, CancellationToken cancellationToken)
    {
        var keys = await read(KeysAddress, cancellationToken) ?? throw new LogSourceException($"There are no keys at {KeysAddress}.");
        audit.AddKeys((keys["keys"] as JsonArray ?? []).OfType<JsonObject>().Select(Key).OfType<SigningKey>());
        var head = await read(HeadAddress, cancellationToken);
        if (head is null)
        {
            return null;
        }

        var size = head["size"] is JsonValue value && value.TryGetValue<long>(out var s) ? s : -1;
        for (long page = 0; page * LogEndpoints.MaxEntries < size; page++)
        {
            var entries = (await read(LogEndpoints.PagePath(page), cancellationToken))?["entries"] as JsonArray ?? [];
            if (entries.Count == 0)
            {
                audit.Problems.Add($"The log has no entries from {page * LogEndpoints.MaxEntries} on ({LogEndpoints.PagePath(page)}), though its tree head says {size} (a site that published during the check answers so for a minute: check again).");
                break;
            }

            foreach (var entry in entries.OfType<JsonObject>())
            {
                var index = entry["index"] is JsonValue i && i.TryGetValue<long>(out var n) ? n : -1;
                audit.AddEntry(index, entry["entry"] is JsonObject e ? Canonical(e) : "");
            }
        }

        if (Head(head) is { } treeHead)
        {
            audit.AddTreeHead(treeHead);
        }
        else
        {
            audit.Problems.Add("The tree head is not readable (size, root, timestamp, key, signature).");
        }

        return head;
    }

    /// <summary>A site's addresses, under its base address (which may have a path: https://example.org/statements/).</summary>
    public static Reader Site(HttpClient http, Uri site) => async (address, cancellationToken) =>
    {
        var uri = new Uri(new Uri(site.AbsoluteUri.TrimEnd('/') + "/"), address.TrimStart('/'));
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new LogSourceException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return Parse(await response.Content.ReadAsStringAsync(cancellationToken), uri.ToString());
        }
        catch (HttpRequestException exception)
        {
            throw new LogSourceException($"{uri} could not be read: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LogSourceException($"{uri} did not answer in time.", exception);
        }
    };

    /// <summary>A static mirror's files (the `generate` verb's directory), found where the mirror puts each address.</summary>
    public static Reader Mirror(string directory) => async (address, cancellationToken) =>
    {
        if (Bayan.Mirror.MirrorPaths.Map(address) is not { } target || !File.Exists(Path.Combine(directory, target.File)))
        {
            return null;
        }

        try
        {
            return Parse(await File.ReadAllTextAsync(Path.Combine(directory, target.File), cancellationToken), target.File);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LogSourceException($"{target.File} could not be read: {exception.Message}", exception);
        }
    };

    /// <summary>The entry's canonical bytes, or as it came when it has none (a fraction, a lone surrogate): the audit says why.</summary>
    private static string Canonical(JsonObject entry)
    {
        try
        {
            return CanonicalJson.SerializeToString(entry);
        }
        catch (ArgumentException)
        {
            return entry.ToJsonString();
        }
    }

    private static JsonObject Parse(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new LogSourceException($"{source} is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new LogSourceException($"{source} is not JSON (cut short or changed?): {exception.Message}", exception);
        }
    }

    private static SigningKey? Key(JsonObject json)
    {
        try
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportFromPem(Text(json["publicKey"]) ?? "");
            return new SigningKey
            {
                Id = Text(json["id"]) ?? "",
                PublicKey = key.ExportSubjectPublicKeyInfo(),
                CreatedAt = Time(json["created"]) ?? DateTime.MaxValue,
                RetiredAt = Time(json["retired"]),
                RevokedAt = Time(json["revoked"]),
            };
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static TreeHead? Head(JsonObject json)
    {
        if (json["size"] is not JsonValue size || !size.TryGetValue<long>(out var entries) || Text(json["root"]) is not { } root
            || Time(json["timestamp"]) is not { } at || Text(json["key"]) is not { } key || Text(json["signature"]) is not { } signature)
        {
            return null;
        }

        try
        {
            return new TreeHead { Size = entries, RootHash = Convert.FromBase64String(root), Timestamp = at, KeyId = key, Signature = Convert.FromBase64String(signature) };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTime? Time(JsonNode? node) =>
        Text(node) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
