using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyArchiver.Model;

/// <summary>Instants in JSON as <see cref="Instant"/> writes them, whatever the machine's zone; any ISO 8601 instant is read.</summary>
internal sealed class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Instant.Format(value));
}
