using System.Text.RegularExpressions;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Link targets as the text keeps them: absolute, without the query parameters that change on
/// every visit (tracking, sessions, cache-busting). A link that now points elsewhere is a change;
/// a new session id is not.
/// </summary>
internal static partial class Links
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

    /// <summary>
    /// The canonical target of a link, or null for links that lead nowhere (<c>javascript:</c>,
    /// empty): HTML entities decoded until stable (pages encode addresses in a different mix of
    /// entities on every request), <c>mailto:</c>/<c>tel:</c> reduced to the address, absolute,
    /// host lower-cased, default port and fragment dropped, volatile query parameters stripped.
    /// </summary>
    public static string? Normalize(string href, Uri? baseUrl, IReadOnlyCollection<string> stripQuery)
    {
        href = DecodeEntities(href).Trim();
        if (href.Length == 0 || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        if (Address(href, "mailto:") is { } email) return "mailto:" + LowerDomain(email);
        if (Address(href, "tel:") is { } phone) return "tel:" + phone.Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", "").Replace(".", "");
        // Resolved against the page (on Unix "/rules" alone would parse as an absolute file path).
        Uri? uri;
        if (baseUrl is not null ? !Uri.TryCreate(baseUrl, href, out uri) : !Uri.TryCreate(href, UriKind.Absolute, out uri)) return href;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return uri.OriginalString;

        // UriBuilder lower-cases the host and leaves the default port out; the fragment is the reader's position, not the target.
        var builder = new UriBuilder(uri) { Path = PathSession().Replace(uri.AbsolutePath, ""), Fragment = "" };
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

    /// <summary>Whether a link's words are its own address (a URL, an e-mail, a phone number): such a link reads better bare.</summary>
    public static bool IsOwnAddress(string label, string target) =>
        label == target
        || target.StartsWith("mailto:", StringComparison.Ordinal) && string.Equals("mailto:" + label, target, StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("tel:", StringComparison.Ordinal) && label.Any(char.IsDigit) && Digits(label) == Digits(target);

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Entities decoded again and again until nothing changes: <c>&amp;amp;#105;</c> is <c>i</c>.</summary>
    public static string DecodeEntities(string text)
    {
        for (var i = 0; i < 4 && text.Contains('&'); i++)
        {
            var decoded = System.Net.WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }

    /// <summary>The address of a <c>mailto:</c> or <c>tel:</c> link, percent-decoded, without its query (subject, body).</summary>
    private static string? Address(string href, string scheme)
    {
        if (!href.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var address = href[scheme.Length..];
        var query = address.IndexOf('?');
        if (query >= 0) address = address[..query];
        try
        {
            address = Uri.UnescapeDataString(address);
        }
        catch (UriFormatException)
        {
            // A stray % is part of what the page wrote.
        }
        return address.Trim();
    }

    /// <summary>The domain of an e-mail address is case-insensitive; its local part, strictly, is not.</summary>
    private static string LowerDomain(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? email : email[..at] + email[at..].ToLowerInvariant();
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
