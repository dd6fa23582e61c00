using System.Globalization;

namespace PolicyArchiver.Exporting;

/// <summary>
/// The captures an export covers: those made from <see cref="From"/> to <see cref="To"/>, both
/// inclusive. Researchers think in days, so a date alone as the end means the whole of that day (UTC);
/// an instant as the end means the whole of its millisecond, as instants are shown (<see cref="Instant"/>).
/// </summary>
internal sealed record ExportWindow(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset at) => at >= From && at <= To;

    /// <summary>
    /// Reads the window as the CLI (<c>--from</c>, <c>--to</c>) and the web form (<c>from</c>, <c>to</c>)
    /// give it: ISO 8601 dates or instants, UTC unless they carry an offset. The error names the
    /// option at fault, under the name the caller uses for it.
    /// </summary>
    public static bool TryParse(string? from, string? to, out ExportWindow window, out string error, string fromName = "--from", string toName = "--to")
    {
        window = new ExportWindow(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        if (!TryParseBound(from, fromName, isEnd: false, out var start, out error)) return false;
        if (!TryParseBound(to, toName, isEnd: true, out var end, out error)) return false;
        if (start > end)
        {
            error = $"{fromName} {Show(start)} is after {toName} {Show(end)}: the window is empty the wrong way round";
            return false;
        }
        window = new ExportWindow(start, end);
        return true;
    }

    private static bool TryParseBound(string? value, string name, bool isEnd, out DateTimeOffset instant, out string error)
    {
        error = "";
        instant = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"{name} is required (a date or instant, e.g. 2026-05-01, 2026-05-01T12:00:00Z or 01.05.2026)";
            return false;
        }
        var text = value.Trim();
        if (Instant.TryParseDay(text, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            instant = isEnd ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        if (isEnd ? Instant.TryParseThrough(text, out instant) : Instant.TryParse(text, out instant)) return true;
        error = $"{name} \"{value}\": {Instant.NotOne}";
        return false;
    }

    private static string Show(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
