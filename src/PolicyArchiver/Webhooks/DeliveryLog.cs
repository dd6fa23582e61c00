using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// Which changes were delivered to which subscription: <c>webhooks/deliveries.jsonl</c> under the
/// archive directory, one JSON line per finished delivery, appended and flushed to disk before the
/// next one. Derived data, not evidence: outside the catalog and the ledger, so it works the same
/// over SQLite and PostgreSQL. A line cut short by a crash is skipped when read.
/// </summary>
internal sealed class DeliveryLog(string path)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public string Path { get; } = path;

    public static DeliveryLog In(string archiveDirectory) => new(System.IO.Path.Combine(archiveDirectory, "webhooks", "deliveries.jsonl"));

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Lock _gate = new();

    public IReadOnlyList<DeliveryRecord> Read()
    {
        if (!File.Exists(Path)) return [];
        var records = new List<DeliveryRecord>();
        foreach (var line in File.ReadLines(Path))
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<DeliveryRecord>(line, Options) is { } record) records.Add(record);
            }
            catch (JsonException)
            {
                // The last line of a process that died while writing it: that delivery is simply not recorded.
            }
        }
        return records;
    }

    /// <summary>Appends one line in a single write, flushed through to the disk.</summary>
    public void Append(DeliveryRecord record)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Options) + "\n");
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
    }
}

/// <summary>One finished delivery: a change (<c>company/document/changes/n</c>) to a subscription's URL.</summary>
/// <param name="Outcome"><see cref="DeliveryLog.Delivered"/>, or <see cref="DeliveryLog.Failed"/> after every retry (tried again after the next round).</param>
internal sealed record DeliveryRecord(DateTimeOffset At, string Subscription, string Change, string Document, int Number, string Delivery, string Outcome, int Attempts, int? Status, string? Detail = null)
{
    /// <summary>What a delivery is unique by: one change, one subscription.</summary>
    public string Key => KeyOf(Subscription, Change);

    public static string KeyOf(string subscription, string change) => subscription + " " + change;
}
