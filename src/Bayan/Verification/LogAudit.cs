using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bayan.Core.Verification;

namespace Bayan.Verification;

/// <summary>
/// Checks a log from whatever holds it — the site's database, an export, a mirror, the site's public addresses: every
/// key's id, every entry's form and signature, the tree recomputed from the entries against every signed tree head, and
/// (when given) a tree head saved earlier. Collects each problem in plain words; never stops at the first.
/// </summary>
public sealed class LogAudit
{
    private readonly Dictionary<string, (SigningKey Key, ECDsa Verifier)> keys = [];
    private readonly MemoryMerkleTree tree = new();
    private readonly Dictionary<(int Statement, string Language), (long Index, byte[] ContentHash, bool Believed)> latest = [];

    public List<string> Problems { get; } = [];

    /// <summary>Keep each translation's last record whole in <see cref="LatestRecords"/>, to compare with pages (a mirror's).</summary>
    public bool KeepRecords { get; init; }

    public Dictionary<(int Statement, string Language), JsonObject> LatestRecords { get; } = [];

    public long Entries => tree.Size;

    public int TreeHeads { get; private set; }

    /// <summary>The keys whose signatures checked out: the reader compares them with the fingerprint the organization publishes.</summary>
    public SortedSet<string> KeysUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, only these keys are the organization's (ids from its letterhead, not from the log being checked).</summary>
    public IReadOnlySet<string>? TrustedKeys { get; init; }

    /// <summary>The last record of each translation: its position, a hash of what it says, whether its signature is believed.</summary>
    public IReadOnlyDictionary<(int Statement, string Language), (long Index, byte[] ContentHash, bool Believed)> Latest => latest;

    public static byte[] ContentHash(JsonObject record) => SHA256.HashData(CanonicalJson.Serialize(StatementRecord.WithoutSigned(record)));

    public void AddKeys(IEnumerable<SigningKey> published)
    {
        foreach (var key in published)
        {
            if (keys.ContainsKey(key.Id))
            {
                Problems.Add($"Key {key.Id} is listed twice: which of its validities is true cannot be told.");
                continue;
            }

            if (KeyRing.IdOf(key.PublicKey) != key.Id)
            {
                Problems.Add($"Key {key.Id}: its id is not the SHA-256 of its public key.");
                continue;
            }

            var verifier = ECDsa.Create();
            try
            {
                verifier.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
                keys[key.Id] = (key, verifier);
            }
            catch (CryptographicException)
            {
                Problems.Add($"Key {key.Id}: not an ECDSA P-256 public key.");
                verifier.Dispose();
            }
        }
    }

    /// <summary>Checks the next entry; entries must come in order, from 0.</summary>
    public void AddEntry(long index, string envelope)
    {
        if (index != tree.Size)
        {
            Problems.Add(index < tree.Size ? $"Entry {index} appears twice." : $"Entries {tree.Size} to {index - 1} are missing.");
            return;
        }

        tree.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(envelope)));
        JsonObject parsed;
        try
        {
            parsed = JsonNode.Parse(envelope) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            Problems.Add($"Entry {index}: not JSON.");
            return;
        }

        try
        {
            if (CanonicalJson.SerializeToString(parsed) != envelope)
            {
                Problems.Add($"Entry {index}: not in canonical form, so not as it was signed.");
            }
        }
        catch (ArgumentException exception)
        {
            Problems.Add($"Entry {index}: holds what no signed record holds ({exception.Message}).");
            return;
        }

        if (parsed["record"] is not JsonObject record || Number(record["statement"]) is not { } id || !id.TryGetValue<int>(out var statement)
            || (string?)Text(record["language"]) is not { } language)
        {
            Problems.Add($"Entry {index}: has no record of a statement's translation.");
            return;
        }

        var believed = CheckSignature($"Entry {index} (statement {statement}, {language})", (string?)Text(parsed["key"]), (string?)Text(parsed["signature"]), CanonicalJson.Serialize(record), Time(record[StatementRecord.SignedMember]));
        latest[(statement, language)] = (index, ContentHash(record), believed);
        if (KeepRecords)
        {
            LatestRecords[(statement, language)] = record;
        }
    }

    /// <summary>False when the newest tree head added has a good signature by a key not valid at its time (null before any).</summary>
    public bool? NewestTreeHeadBelieved { get; private set; }

    /// <summary>Checks a signed tree head against the tree recomputed so far (add every entry first, and heads oldest first).</summary>
    public void AddTreeHead(TreeHead head)
    {
        TreeHeads++;
        if (head.Size > tree.Size)
        {
            Problems.Add($"Tree head {head.Size}: the log has only {tree.Size} entries; entries were removed.");
            return;
        }

        if (!tree.Root(head.Size).AsSpan().SequenceEqual(head.RootHash))
        {
            Problems.Add($"Tree head {head.Size}: the entries do not give its root hash; an entry up to {head.Size - 1} was changed.");
        }

        var problems = Problems.Count;
        var believed = CheckSignature($"Tree head {head.Size}", head.KeyId, Convert.ToBase64String(head.Signature), SignedTreeHead.SignedBytes(head), head.Timestamp);
        // A signature that did not check out is a problem said already; this is about a good signature by a revoked key.
        NewestTreeHeadBelieved = believed || Problems.Count > problems;
    }

    /// <summary>Checks the stored complete subtrees the site serves proofs from.</summary>
    public void AddNode(LogNode node)
    {
        var (level, index) = ((int)(node.Id >> 40), node.Id & ((1L << 40) - 1));
        if (((index + 1) << level) > tree.Size || !tree.Subtree(level, index).AsSpan().SequenceEqual(node.Hash))
        {
            Problems.Add($"The tree's node at level {level}, index {index} does not match the entries: proofs built from it would be wrong.");
        }
    }

    /// <summary>Checks that the log only grew since a tree head saved earlier (its JSON, as /log/tree-head.json gives it).</summary>
    public void CheckSavedHead(JsonObject saved)
    {
        var root = (string?)Text(saved["root"]);
        if (Number(saved["size"]) is not { } number || !number.TryGetValue<long>(out var size) || size < 0 || root is null)
        {
            Problems.Add("The saved tree head has no size or root.");
            return;
        }

        if (size > tree.Size)
        {
            Problems.Add($"The saved tree head has {size} entries; the log has only {tree.Size}: entries were removed.");
        }
        else if (Convert.ToBase64String(tree.Root(size)) != root)
        {
            Problems.Add($"The log's first {size} entries no longer give the saved tree head's root: the log was rewritten since it was saved.");
        }
    }

    private bool CheckSignature(string what, string? keyId, string? signature, byte[] signed, DateTime? at)
    {
        if (keyId is null || !keys.TryGetValue(keyId, out var key))
        {
            Problems.Add($"{what}: signed by an unknown key {keyId}.");
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature ?? "");
        }
        catch (FormatException)
        {
            Problems.Add($"{what}: its signature is not base64.");
            return false;
        }

        if (!key.Verifier.VerifyData(signed, bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            Problems.Add($"{what}: the signature does not match; it was changed after signing.");
            return false;
        }

        if (KeysUsed.Add(keyId) && TrustedKeys is not null && !TrustedKeys.Contains(keyId))
        {
            Problems.Add($"Key {keyId} signed here but is not among the keys you trust (--key): whoever holds it is not known to be the organization.");
        }

        // A signature by a key revoked since is not a problem of the log: the key's owner says not to believe it.
        return at is { } time && key.Key.ValidAt(time);
    }

    private static JsonValue? Number(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value : null;

    private static JsonValue? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value : null;

    private static DateTime? Time(JsonNode? node) =>
        (string?)Text(node) is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
