using System.Globalization;

namespace PolicyArchiver.Model;

/// <summary>
/// How every instant the archive shows is written: CLI and API JSON, discovery reports, Atom feeds,
/// export manifests, WACZ pages and evidence manifests. RFC 3339 in UTC with a <c>Z</c>, truncated to
/// the millisecond, the fraction left out when that leaves none: <c>2025-06-01T09:00:00Z</c>,
/// <c>2025-06-01T09:00:00.123Z</c>.
/// </summary>
/// <remarks>
/// Not how the archive keeps them: the catalog (<see cref="CatalogTime"/>) and the ledger
/// (<c>CanonicalJson.Time</c>) write 100-ns ticks, and entries already hashed must be rebuilt byte
/// for byte. An instant shown here can be earlier than the one kept, by less than a millisecond,
/// which is why an instant read back as an upper bound covers its whole millisecond (<see cref="TryParseThrough"/>).
/// </remarks>
internal static class Instant
{
    public static string Format(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var whole = utc.Ticks % TimeSpan.TicksPerSecond < TimeSpan.TicksPerMillisecond;
        return utc.ToString(whole ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>What every error about a date or instant says, with the forms it may take.</summary>
    public const string NotOne = "not an ISO 8601 date or instant, nor a day-first date (e.g. 2026-05-01, 2026-05-01T12:00:00Z or 01.05.2026)";

    /// <summary>
    /// The forms taken, and only these: ISO 8601 (<c>T</c> or a space between date and time, to any
    /// precision, with <c>Z</c>, an offset or none) and the day-first <c>dd.mm.yyyy</c> written in
    /// Kazakhstan. A culture's guess would read 03.12.2026 as March 12 and refuse 13.12.2026.
    /// </summary>
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddK",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "d.M.yyyy", "d.M.yyyy HH:mm", "d.M.yyyy HH:mm:ss",
    ];

    /// <summary>A date or instant in one of the forms above, to any precision (seven decimals too), UTC unless it carries an offset.</summary>
    public static bool TryParse(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(value?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>A calendar day alone, as ISO 8601 (2026-05-01) or day first (01.05.2026).</summary>
    public static bool TryParseDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>
    /// An instant as an upper bound ("in force at", "up to"): the last tick it stands for. On a whole
    /// millisecond, as <see cref="Format"/> shows every instant, it stands for that whole millisecond,
    /// so a version's <c>capturedAt</c> copied from any output and given as <c>--at</c> finds that
    /// version. An instant finer than that is taken as it is.
    /// </summary>
    public static bool TryParseThrough(string? value, out DateTimeOffset instant)
    {
        if (!TryParse(value, out instant)) return false;
        if (instant.UtcTicks % TimeSpan.TicksPerMillisecond == 0) instant = instant.AddTicks(TimeSpan.TicksPerMillisecond - 1);
        return true;
    }
}
