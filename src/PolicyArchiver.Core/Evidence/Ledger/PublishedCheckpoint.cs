using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// A checkpoint as the archive publishes it (<c>/checkpoints.json</c>, <c>/checkpoints.atom</c>)
/// and as an auditor keeps it outside the archive. Everything needed to check it again is here:
/// the signed statement, its signature, and the fingerprint of the key that signed it.
/// <code>
/// {"type":"policyarchiver-checkpoint","seq":42,"head":"…64 hex…","at":"…","publicKeySha256":"…",
///  "statement":"{…canonical JSON…}","signature":"…base64 DER…","timestampResponse":null}
/// </code>
/// </summary>
internal sealed record PublishedCheckpoint(
    string Type,
    long Seq,
    string Head,
    string At,
    string PublicKeySha256,
    string Statement,
    string Signature,
    string? TimestampResponse)
{
    public const string TypeName = "policyarchiver-checkpoint";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static PublishedCheckpoint From(Checkpoint c) => new(TypeName, c.Seq, c.HeadHash, CanonicalJson.Time(c.At),
        KeyOf(c.Statement), c.Statement, Convert.ToBase64String(c.Signature),
        c.TimestampResponse is null ? null : Convert.ToBase64String(c.TimestampResponse));

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>
    /// Checkpoints from a file an auditor kept: one checkpoint object, an array of them, or the
    /// archive's whole <c>/checkpoints.json</c> (an object with a <c>checkpoints</c> array).
    /// </summary>
    public static IReadOnlyList<PublishedCheckpoint> ParseAll(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object when root.TryGetProperty("checkpoints", out var list) => list.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new InvalidDataException($"{source}: expected a checkpoint object or a list of them"),
            };
            return items.Select(e => e.Deserialize<PublishedCheckpoint>(Options) is { Head: not null, Statement: not null, Signature: not null } c
                ? c
                : throw new InvalidDataException($"{source}: a checkpoint needs seq, head, statement and signature")).ToList();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not checkpoint JSON: {e.Message}", e);
        }
    }

    /// <summary>The seq and head are the signed ones: only the statement is signed, the fields beside it are for reading.</summary>
    [JsonIgnore]
    public bool StatementNamesItsHead
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Statement);
                var root = doc.RootElement;
                return root.GetProperty("seq").GetInt64() == Seq && root.GetProperty("head").GetString() == Head;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return false;
            }
        }
    }

    /// <summary>The fingerprint the statement names: which key signed it; empty when it names none.</summary>
    public static string KeyOf(string statement)
    {
        try
        {
            using var doc = JsonDocument.Parse(statement);
            return doc.RootElement.TryGetProperty("publicKeySha256", out var key) ? key.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
