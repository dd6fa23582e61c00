using System.Text.RegularExpressions;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Link targets as the text keeps them: absolute, without the query parameters that change on
/// every visit (tracking, sessions, cache-busting). A link that now points elsewhere is a change;
/// a new session id is not.
/// </summary>
public static partial class Links
{
    /// <summary>Universal noise in query strings; documents can name more in <c>stripQuery</c>.</summary>
    private static readonly HashSet<string> Volatile = new(StringComparer.OrdinalIgnoreCase)
    {
        "gclid", "fbclid", "yclid", "ymclid", "msclkid", "dclid", "_ga", "_gl", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
        "sessionid", "session_id", "phpsessid", "jsessionid", "aspsessionid", "sid", "token", "csrf", "_csrf", "csrf_token", "_token",
        "v", "ver", "_", "t", "ts", "timestamp", "cb", "rnd", "rand", "nocache", "cachebuster", "cache",
    };

    [GeneratedRegex(";jsessionid=[^?#]*", RegexOptions.IgnoreCase)]
    private static partial Regex PathSession();

    /// <summary>The absolute, cleaned target of a link, or null for links that lead nowhere (<c>javascript:</c>, empty).</summary>
    public static string? Normalize(string href, Uri? baseUrl, IReadOnlyCollection<string> stripQuery)
    {
        href = href.Trim();
        if (href.Length == 0 || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return href;
        // Resolved against the page (on Unix "/rules" alone would parse as an absolute file path).
        Uri? uri;
        if (baseUrl is not null ? !Uri.TryCreate(baseUrl, href, out uri) : !Uri.TryCreate(href, UriKind.Absolute, out uri)) return href;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return uri.OriginalString;

        var builder = new UriBuilder(uri) { Path = PathSession().Replace(uri.AbsolutePath, "") };
        if (uri.Query.Length > 1)
        {
            var kept = uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair =>
                {
                    var name = Uri.UnescapeDataString(pair.Split('=')[0]);
                    return !Volatile.Contains(name) && !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
                           && !stripQuery.Contains(name, StringComparer.OrdinalIgnoreCase);
                });
            builder.Query = string.Join("&", kept);
        }
        return builder.Uri.AbsoluteUri;
    }

    /// <summary>
    /// Cloudflare's email obfuscation: the address XOR-ed with the first byte, hex-encoded, in a
    /// different form on every request. Decoded, it is just the address.
    /// </summary>
    public static string? DecodeCloudflareEmail(string hex)
    {
        if (hex.Length < 4 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit)) return null;
        var bytes = Convert.FromHexString(hex);
        var chars = new char[bytes.Length - 1];
        for (var i = 1; i < bytes.Length; i++) chars[i - 1] = (char)(bytes[i] ^ bytes[0]);
        return new string(chars);
    }
}
