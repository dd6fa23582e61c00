using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// How a discovery report is kept in the catalog: JSON, camelCase, Cyrillic left readable, instants as
/// <see cref="Instant"/> writes them. Reports kept before in another instant format are read as they are.
/// </summary>
internal static class DiscoveryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new InstantJsonConverter() },
    };

    public static string Serialize(DiscoveryReport report) => JsonSerializer.Serialize(report, Options);

    public static DiscoveryReport Read(DiscoveryRecord record) =>
        JsonSerializer.Deserialize<DiscoveryReport>(record.Json, Options)
        ?? throw new InvalidDataException($"discovery {record.Id} of {record.Company}: its report is empty");
}
