using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bayan.Core.Verification;

namespace Bayan.Verification;

/// <summary>
/// Reads a site's keys and log from its public addresses (docs/verification.md), as any independent program would, and
/// feeds them to a <see cref="LogAudit"/>. Trusts nothing it reads: every entry is re-canonicalized and re-hashed.
/// </summary>
public static class RemoteLog
{
    /// <summary>Checks the log of the site at <paramref name="site"/>; returns the audit and the tree head it checked.</summary>
    public static async Task<(LogAudit Audit, JsonObject? Head)> CheckAsync(HttpClient http, Uri site, CancellationToken cancellationToken)
    {
        var audit = new LogAudit();
        var keys = await GetAsync(http, new Uri(site, "/.well-known/bayan/keys.json"), cancellationToken);
        audit.AddKeys((keys?["keys"] as JsonArray ?? []).OfType<JsonObject>().Select(Key).OfType<SigningKey>());
        var head = await GetAsync(http, new Uri(site, "/log/tree-head.json"), cancellationToken, allowMissing: true);
        if (head is null)
        {
            return (audit, null);
        }

        var size = head["size"] is JsonValue value && value.TryGetValue<long>(out var s) ? s : -1;
        for (long start = 0; start < size; start += LogEndpoints.MaxEntries)
        {
            var page = await GetAsync(http, new Uri(site, string.Create(CultureInfo.InvariantCulture, $"/log/entries.json?start={start}&count={LogEndpoints.MaxEntries}")), cancellationToken);
            var entries = (page?["entries"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (entries.Count == 0)
            {
                audit.Problems.Add($"The site lists no entries from {start} on, though its tree head says {size}.");
                break;
            }

            foreach (var entry in entries)
            {
                var index = entry["index"] is JsonValue i && i.TryGetValue<long>(out var n) ? n : -1;
                var envelope = entry["entry"] is JsonObject e ? CanonicalJson.SerializeToString(e) : "";
                audit.AddEntry(index, envelope);
            }
        }

        if (Head(head) is { } treeHead)
        {
            audit.AddTreeHead(treeHead);
        }
        else
        {
            audit.Problems.Add("The site's tree head is not readable (size, root, timestamp, key, signature).");
        }

        return (audit, head);
    }

    private static async Task<JsonObject?> GetAsync(HttpClient http, Uri address, CancellationToken cancellationToken, bool allowMissing = false)
    {
        using var response = await http.GetAsync(address, cancellationToken);
        if (allowMissing && response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException($"{address} did not answer JSON: {exception.Message}", exception);
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
