using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// The WACZ 1.1.1 manifest (<c>datapackage.json</c>, a Frictionless data package listing every file
/// with its hash and size) and <c>datapackage-digest.json</c>, the hash that covers the manifest and
/// so, through it, the whole package.
/// </summary>
internal static class DataPackage
{
    public const string WaczVersion = "1.1.1";
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Manifest(ExportWindow window, DateTimeOffset created, IReadOnlyList<WaczResource> resources) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("profile", "data-package");
        json.WriteString("wacz_version", WaczVersion);
        json.WriteString("title", $"PolicyArchiver export, {Instant.Format(window.From)} to {Instant.Format(window.To)}");
        json.WriteString("description", "Captures of companies' public policy documents (terms, privacy policies, user agreements), WARC records copied byte for byte from the archive.");
        json.WriteString("created", Instant.Format(created));
        json.WriteString("software", $"PolicyArchiver/{typeof(DataPackage).Assembly.GetName().Version}");
        json.WriteStartArray("resources");
        foreach (var r in resources)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Name);
            json.WriteString("path", r.Path);
            json.WriteString("hash", r.Hash);
            json.WriteNumber("bytes", r.Bytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static byte[] Digest(string manifestHash) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("path", "datapackage.json");
        json.WriteString("hash", manifestHash);
        json.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options)) write(json);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
