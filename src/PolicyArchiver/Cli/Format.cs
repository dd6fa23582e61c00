using System.Globalization;

namespace PolicyArchiver.Cli;

internal static class Format
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>An ISO 8601 date or instant, UTC unless it carries an offset (as the CLI and the web take them).</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>An instant given on the command line: ISO 8601, UTC unless it carries an offset.</summary>
    public static DateTimeOffset ParseInstant(string value, string option)
    {
        if (TryParseInstant(value, out var t)) return t;
        throw new CliException(ExitCodes.BadInput, $"{option} \"{value}\": not an ISO 8601 date or instant (e.g. 2026-05-01 or 2026-05-01T12:00:00Z)");
    }
}
