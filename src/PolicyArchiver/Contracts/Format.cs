using System.Globalization;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Contracts;

internal static class Format
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>An ISO 8601 date or instant, UTC unless it carries an offset (as the CLI and the web take them).</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant) => Instant.TryParse(value, out instant);

    /// <summary>The same, as an upper bound (<c>at</c>, <c>to</c>): to the millisecond or coarser, through the end of that millisecond.</summary>
    public static bool TryParseUpTo(string? value, out DateTimeOffset instant) => Instant.TryParseThrough(value, out instant);
}
