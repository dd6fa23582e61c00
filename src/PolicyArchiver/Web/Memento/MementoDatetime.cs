using System.Globalization;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// The two ways Memento writes an instant: RFC 1123 in headers (<c>Tue, 20 May 2025 10:00:00 GMT</c>,
/// RFC 7089 §2.1.1) and 14 digits in memento addresses (<c>20250520100000</c>, as the Wayback Machine).
/// Both are UTC to the second.
/// </summary>
internal static class MementoDatetime
{
    private const string Digits14 = "yyyyMMddHHmmss";

    public static DateTimeOffset ToSecond(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static string Rfc1123(DateTimeOffset t) => t.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public static string Fourteen(DateTimeOffset t) => t.UtcDateTime.ToString(Digits14, CultureInfo.InvariantCulture);

    /// <summary>An Accept-Datetime value: exactly RFC 1123 in GMT, nothing looser, so a typo is a 400 and not a guess.</summary>
    public static bool TryParseRfc1123(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>The datetime segment of a memento address: 14 digits that make a real UTC instant.</summary>
    public static bool TryParseFourteen(string value, out DateTimeOffset instant)
    {
        instant = default;
        return value.Length == Digits14.Length && value.All(char.IsAsciiDigit)
            && DateTimeOffset.TryParseExact(value, Digits14, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }
}
