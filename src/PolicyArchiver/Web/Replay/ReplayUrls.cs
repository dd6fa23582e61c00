using PolicyArchiver.Web.Memento;

namespace PolicyArchiver.Web.Replay;

/// <summary>
/// The replay address of an archived URL: <c>/replay/{yyyyMMddHHmmss}/{absolute original URL}</c>,
/// the URL resolved against the page's own address (and its <c>&lt;base&gt;</c>) as the browser
/// would have resolved it on the live site, so a root-relative <c>/api/x</c> means the original
/// site's root. Addresses that name no web resource are left as written.
/// </summary>
internal sealed class ReplayUrls(DateTimeOffset datetime, Uri baseUrl)
{
    public const string Prefix = "/replay/";

    /// <summary>Schemes that load nothing from the web, or run in the page itself.</summary>
    private static readonly string[] LeftAlone = ["data:", "blob:", "javascript:", "mailto:", "tel:", "about:", "#"];

    public string Datetime { get; } = MementoDatetime.Fourteen(datetime);

    /// <summary>The address the page's relative URLs are resolved against: its original URL, or its <c>&lt;base href&gt;</c>.</summary>
    public Uri Base { get; private set; } = baseUrl;

    /// <summary>From now on, relative URLs resolve against this <c>&lt;base href&gt;</c> (itself resolved against the current base).</summary>
    public void Rebase(string href)
    {
        if (Uri.TryCreate(Base, href.Trim(), out var resolved) && resolved.Scheme is "http" or "https") Base = resolved;
    }

    /// <summary>The replay address of <paramref name="url"/>, or the value unchanged when it is no http(s) address.</summary>
    public string Rewrite(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.Length == 0 || LeftAlone.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase))) return url;
        if (!Uri.TryCreate(Base, trimmed, out var absolute) || absolute.Scheme is not ("http" or "https")) return url;
        return Prefix + Datetime + "/" + absolute.AbsoluteUri;
    }

    /// <summary>
    /// A <c>srcset</c>: comma-separated candidates, each a URL and an optional descriptor (<c>2x</c>,
    /// <c>480w</c>). A URL may itself hold commas (not at its start or end), so candidates are split on
    /// a comma followed by white space or ending a URL, as the HTML parser reads them.
    /// </summary>
    public string RewriteSrcset(string srcset)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < srcset.Length)
        {
            var start = i;
            while (i < srcset.Length && (char.IsWhiteSpace(srcset[i]) || srcset[i] == ',')) i++;
            result.Append(srcset, start, i - start);
            if (i >= srcset.Length) break;
            var urlStart = i;
            while (i < srcset.Length && !char.IsWhiteSpace(srcset[i])) i++;
            var url = srcset[urlStart..i];
            var trailing = "";
            while (url.EndsWith(',')) { trailing += ","; url = url[..^1]; }
            result.Append(Rewrite(url)).Append(trailing);
            if (trailing.Length > 0) continue;
            // The descriptor runs to the next comma (outside parentheses).
            var descriptorStart = i;
            var depth = 0;
            while (i < srcset.Length && (srcset[i] != ',' || depth > 0))
            {
                if (srcset[i] == '(') depth++;
                else if (srcset[i] == ')') depth--;
                i++;
            }
            result.Append(srcset, descriptorStart, i - descriptorStart);
        }
        return result.ToString();
    }
}
