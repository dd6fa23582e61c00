using System.Globalization;
using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>Escaping and formatting for server-rendered pages: every value from the archive goes through <see cref="E"/>.</summary>
internal static class Html
{
    /// <remarks>
    /// Only the five characters that matter in text and quoted attributes are escaped: Cyrillic and
    /// «ёлочки» stay readable in the source (WebUtility would turn « into &amp;#171;).
    /// </remarks>
    public static string E(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.AsSpan().IndexOfAny("&<>\"'") < 0) return value;
        var sb = new System.Text.StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An interface text with <c>{0}</c> placeholders, escaped, its placeholders filled with markup (a link, a <c>&lt;time&gt;</c>, escaped values).</summary>
    public static string Fill(string format, params object?[] markup) => SiteText.F(E(format), markup);

    /// <summary>A path segment or query value, escaped for a URL and then for an attribute.</summary>
    public static string U(string value) => Uri.EscapeDataString(value);

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant as a <c>&lt;time&gt;</c> element, machine-readable in its attribute.</summary>
    /// <remarks>Shown in Almaty time, where the companies and most readers are, with UTC beside it (what the archive records).</remarks>
    public static string TimeTag(DateTimeOffset t) =>
        $"<time datetime=\"{Instant.Format(t)}\" title=\"{Time(t)}\">{Local(t)} <span class=\"utc\">({t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)</span></time>";

    /// <summary>Kazakhstan's time zone (UTC+5 since March 2024), from the system's zone database.</summary>
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Almaty", out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty", TimeSpan.FromHours(5), "Almaty", "Almaty");

    /// <summary>An instant in Almaty time: <c>2026-06-15 17:00 Almaty</c>, the city named in the page's language (Алматы).</summary>
    /// <remarks>The digits stay ISO in every language: a reader compares them with the UTC beside them and with the API.</remarks>
    public static string Local(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, Almaty).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + SiteText.Current.Almaty;

    public static string DocumentPath(string company, string document) => $"/companies/{U(company)}/{U(document)}";

    public static string DocumentPath(string key) => "/companies/" + string.Join('/', key.Split('/').Select(U));

    public static string ChangePath(string key, int number) => $"{DocumentPath(key)}/changes/{number}";

    public static string VersionPath(string key, int number) => $"{DocumentPath(key)}/versions/{number}";

    /// <summary>A capture replayed (<c>/replay/</c>) at an instant, in the 14 digits of Memento addresses (yyyyMMddHHmmss, UTC).</summary>
    public static string ReplayPath(DateTimeOffset at, string url) => "/replay/" + Fourteen(at) + "/" + url;

    public static string MementoPath(DateTimeOffset at, string url) => "/memento/" + Fourteen(at) + "/" + url;

    private static string Fourteen(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string SnapshotPath(string key, long observationId) => $"{DocumentPath(key)}/snapshots/{observationId}";

    /// <summary>A document's language, named in the page's language.</summary>
    public static string Language(string code) => code switch
    {
        "kk" => SiteText.Current.LanguageKk,
        "ru" => SiteText.Current.LanguageRu,
        "en" => SiteText.Current.LanguageEn,
        _ => code.Length == 0 ? "?" : code,
    };

    public static string Bytes(long n) => n switch
    {
        < 1024 => $"{n} B",
        < 1024 * 1024 => $"{n / 1024.0:0.#} KB",
        _ => $"{n / (1024.0 * 1024):0.#} MB",
    };
}
