namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// The language a link leads to. The address says it most reliably (<c>/kz/</c>, <c>?lang=ru</c>,
/// <c>en.site.kz</c>); then the link's own words (Kazakh has letters Russian lacks); then the
/// language of the page the link was found on.
/// </summary>
internal static class LinkLanguage
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kz"] = "kk", ["kk"] = "kk", ["kaz"] = "kk", ["qaz"] = "kk", ["kk-kz"] = "kk",
        ["ru"] = "ru", ["rus"] = "ru", ["ru-ru"] = "ru", ["ru-kz"] = "ru",
        ["en"] = "en", ["eng"] = "en", ["en-us"] = "en", ["en-gb"] = "en",
    };

    private const string KazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

    public static string? FromUrl(Uri url)
    {
        foreach (var segment in url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            if (Codes.TryGetValue(segment, out var code)) return code;
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].ToLowerInvariant() is "lang" or "language" or "locale" or "hl" && Codes.TryGetValue(kv[1], out var code)) return code;
        }
        var first = url.Host.Split('.')[0];
        return url.Host.Count(c => c == '.') >= 2 && Codes.TryGetValue(first, out var sub) ? sub : null;
    }

    public static string? FromText(string text)
    {
        int cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            if (KazakhLetters.Contains(c)) return "kk";
            if (c is >= 'А' and <= 'я' or 'ё' or 'Ё') cyrillic++;
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') latin++;
        }
        if (cyrillic == 0 && latin == 0) return null;
        return cyrillic >= latin ? "ru" : "en";
    }

    /// <summary>The page's own declaration (<c>&lt;html lang="kk"&gt;</c>) normalised to kk/ru/en.</summary>
    public static string? FromDeclared(string? lang) =>
        string.IsNullOrWhiteSpace(lang) ? null : Codes.GetValueOrDefault(lang.Trim()) ?? Codes.GetValueOrDefault(lang.Trim()[..Math.Min(2, lang.Trim().Length)]);

    public static string Of(Uri url, string text, string? pageLanguage) =>
        FromUrl(url) ?? FromText(text) ?? pageLanguage ?? "";
}
