using System.Text.RegularExpressions;

namespace PolicyArchiver.Web.Replay;

/// <summary>
/// Rewrites the addresses a stylesheet loads (<c>url(…)</c> in any of its three forms and
/// <c>@import "…"</c>) to replay addresses, and leaves every other character as it was: the archived
/// stylesheet is evidence, so nothing is re-serialised. Comments are skipped, so an address quoted
/// in one is not mistaken for a load.
/// </summary>
internal static partial class CssRewriter
{
    /// <summary>A comment, a url() (double-quoted, single-quoted or bare), or @import with a quoted string.</summary>
    [GeneratedRegex("""
        (?<comment>/\*.*?(?:\*/|\z))
        |(?<head>\burl\(\s*)(?:"(?<dq>(?:[^"\\\n]|\\.)*)"|'(?<sq>(?:[^'\\\n]|\\.)*)'|(?<bare>[^"'()\s]*))(?<tail>\s*\))
        |(?<head>@import\s+)(?:"(?<dq>(?:[^"\\\n]|\\.)*)"|'(?<sq>(?:[^'\\\n]|\\.)*)')
        """, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex Loads();

    public static string Rewrite(string css, ReplayUrls urls) => Loads().Replace(css, m =>
    {
        if (m.Groups["comment"].Success) return m.Value;
        var (quote, raw) = m.Groups["dq"].Success ? ("\"", m.Groups["dq"].Value) : m.Groups["sq"].Success ? ("'", m.Groups["sq"].Value) : ("", m.Groups["bare"].Value);
        var url = quote.Length > 0 ? Unescape(raw) : raw;
        var rewritten = urls.Rewrite(url);
        if (rewritten == url) return m.Value; // data:, a fragment…: the bytes as archived
        // A replay address is an absolute URL's own characters; a quote in it is percent-encoded, never escaped.
        if (quote.Length > 0) rewritten = rewritten.Replace(quote, quote == "\"" ? "%22" : "%27", StringComparison.Ordinal);
        return m.Groups["head"].Value + quote + rewritten + quote + m.Groups["tail"].Value;
    });

    /// <summary>A CSS string's escaped quote or backslash, as the address it stands for.</summary>
    private static string Unescape(string value) =>
        value.Contains('\\', StringComparison.Ordinal) ? Regex.Replace(value, @"\\(.)", "$1") : value;
}
