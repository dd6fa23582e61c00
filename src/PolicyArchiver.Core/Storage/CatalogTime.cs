using System.Globalization;

namespace PolicyArchiver.Storage;

/// <summary>
/// How both catalogs store an instant: fixed-width UTC ISO 8601 with 100-ns digits, so text order
/// is time order and ledger bodies rebuilt from rows are byte-identical to what was committed.
/// </summary>
internal static class CatalogTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Write(DateTimeOffset t) => t.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(string s) =>
        DateTimeOffset.ParseExact(s, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
