using System.Text;
using System.Text.Json;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>How an entry is linked to the one before it.</summary>
internal static class LedgerChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry's canonical JSON: <c>{"seq","prev","kind","subject","body"}</c>, and its hash.</summary>
    public static LedgerEntry Link(long seq, string previousHash, string kind, string subject, string bodyJson)
    {
        var json = CanonicalJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("seq", seq);
            w.WriteString("prev", previousHash);
            w.WriteString("kind", kind);
            w.WriteString("subject", subject);
            w.WritePropertyName("body");
            w.WriteRawValue(bodyJson, skipInputValidation: true);
            w.WriteEndObject();
        });
        return new LedgerEntry(seq, kind, subject, json, Hashing.Sha256Hex(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>The previous hash and body that an entry's JSON records.</summary>
    public static (long Seq, string Previous, string Body) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return (root.GetProperty("seq").GetInt64(), root.GetProperty("prev").GetString()!, root.GetProperty("body").GetRawText());
    }
}
