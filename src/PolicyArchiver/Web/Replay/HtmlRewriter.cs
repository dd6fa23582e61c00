using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PolicyArchiver.Web.Replay;

/// <summary>
/// Rewrites an archived HTML page for replay, as pywb does: every address the page loads or
/// navigates to (attributes, <c>style</c> attributes and elements, a meta refresh, its <c>&lt;base&gt;</c>)
/// becomes a replay address resolved against the page's original URL, and our shim
/// (<see cref="ReplayShim"/>) is its first script, for the addresses its scripts make up later.
/// </summary>
internal static partial class HtmlRewriter
{
    /// <summary>Attributes whose whole value is one address to load or go to.</summary>
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "src", "href", "action", "formaction", "poster", "background", "data",
    };

    /// <summary>
    /// Subresource integrity would refuse a stylesheet we rewrote, and a ping is a request to the
    /// live web on every click: both are dropped from the replayed page (the archived bytes keep them).
    /// </summary>
    private static readonly string[] Dropped = ["integrity", "ping"];

    /// <summary><c>content="5; url=…"</c> of a meta refresh: the delay, then the address.</summary>
    [GeneratedRegex(@"^(?<delay>\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?)(?<quote>['""]?)(?<url>.*?)\k<quote>\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Refresh();

    /// <summary>The page with its addresses rewritten and the shim first in its head, serialised as UTF-8 text.</summary>
    /// <param name="original">The page's original URL (where it was captured from).</param>
    public static string Rewrite(string html, Uri original, DateTimeOffset datetime)
    {
        var urls = new ReplayUrls(datetime, original);
        var document = new HtmlParser().ParseDocument(html);
        // Only the first <base href> counts, and it counts for every address in the page, before it too.
        if (document.QuerySelector("base[href]") is { } @base)
        {
            var href = @base.GetAttribute("href")!;
            @base.SetAttribute("href", urls.Rewrite(href));
            urls.Rebase(href);
        }
        foreach (var element in document.All)
        {
            if (element.LocalName == "base") continue;
            foreach (var attribute in element.Attributes.ToList())
            {
                var name = attribute.LocalName;
                if (Dropped.Contains(name, StringComparer.OrdinalIgnoreCase) && attribute.NamespaceUri is null) element.RemoveAttribute(name);
                else if (name.Equals("data", StringComparison.OrdinalIgnoreCase) && element.LocalName != "object") continue;
                else if (UrlAttributes.Contains(name)) attribute.Value = urls.Rewrite(attribute.Value);
                else if (name is "srcset" or "imagesrcset") attribute.Value = urls.RewriteSrcset(attribute.Value);
                else if (name == "style") attribute.Value = CssRewriter.Rewrite(attribute.Value, urls);
            }
            if (element.LocalName == "style") element.TextContent = CssRewriter.Rewrite(element.TextContent, urls);
            if (element.LocalName == "meta") Meta(element, urls);
        }
        var shim = document.CreateElement("script");
        shim.SetAttribute("data-replay", JsonSerializer.Serialize(new ShimConfig(ReplayUrls.Prefix + urls.Datetime + "/", original.AbsoluteUri, urls.Datetime)));
        shim.TextContent = ReplayShim.Source;
        var head = document.Head ?? document.DocumentElement.AppendChild(document.CreateElement("head"));
        head.InsertBefore(shim, head.FirstChild);
        return document.ToHtml();
    }

    /// <summary>
    /// A meta refresh goes to its replay address; a declared charset says UTF-8, the encoding the
    /// rewritten page is served in (the archived bytes keep what the site declared).
    /// </summary>
    private static void Meta(IElement meta, ReplayUrls urls)
    {
        var equiv = meta.GetAttribute("http-equiv");
        if (string.Equals(equiv, "refresh", StringComparison.OrdinalIgnoreCase) && meta.GetAttribute("content") is { } content)
            meta.SetAttribute("content", RewriteRefresh(content, urls));
        else if (string.Equals(equiv, "content-type", StringComparison.OrdinalIgnoreCase))
            meta.SetAttribute("content", "text/html; charset=utf-8");
        if (meta.HasAttribute("charset")) meta.SetAttribute("charset", "utf-8");
    }

    /// <summary>A refresh (the meta element's content, or the header field): its address rewritten, its delay kept.</summary>
    public static string RewriteRefresh(string content, ReplayUrls urls) =>
        Refresh().Match(content) is { Success: true } m && m.Groups["url"].Length > 0 ? m.Groups["delay"].Value + urls.Rewrite(m.Groups["url"].Value) : content;

    /// <summary>What the shim is told: where replay addresses start, the page's original URL, its datetime.</summary>
    private sealed record ShimConfig(
        [property: System.Text.Json.Serialization.JsonPropertyName("prefix")] string Prefix,
        [property: System.Text.Json.Serialization.JsonPropertyName("original")] string Original,
        [property: System.Text.Json.Serialization.JsonPropertyName("datetime")] string Datetime);
}
