using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Turns an HTML page into the policy's normalised text: headings (<c># …</c>), numbered
/// clauses, list items (<c>- …</c>, <c>1. …</c>), table rows (<c>a | b</c>), one block per line.
/// With no <c>select</c>, finds the body on its own and leaves out the page's chrome.
/// </summary>
public static class HtmlExtractor
{
    /// <summary>Never part of any document's text.</summary>
    private const string Unrenderable =
        "script, style, noscript, template, svg, canvas, iframe, object, embed, link, meta, head, input, select, textarea, button";

    /// <summary>The page chrome that the default extraction leaves out.</summary>
    private const string Chrome =
        "nav, form, dialog, aside, [role=navigation], [role=complementary], [role=search], [role=dialog], [aria-modal=true], " +
        "[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i], [class*=gdpr i], " +
        "[class~=ad], [class~=ads], [class*=advert i], [id*=advert i], [class*=promo i], [class*=banner i], [id*=banner i], " +
        "[class*=breadcrumb i], [class*=share i], [class*=social i]";

    /// <summary>Header and footer of the page, but not the header of the policy article itself.</summary>
    private const string PageHeaderFooter = "header, footer, [role=banner], [role=contentinfo]";

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "tr", "caption", "figure", "figcaption", "hr", "details", "summary", "center", "body", "form", "fieldset", "legend",
    };

    public static string Extract(string html, IReadOnlyList<string> select, IReadOnlyList<string> remove)
    {
        var document = new HtmlParser().ParseDocument(html);
        var body = document.Body;
        if (body is null) return "";

        RemoveAll(body, Unrenderable);
        foreach (var selector in remove) RemoveAll(body, selector);

        IReadOnlyList<IElement> roots;
        if (select.Count > 0)
        {
            roots = select.SelectMany(s => body.QuerySelectorAll(s)).Distinct().ToList();
            roots = roots.Where(r => !roots.Any(o => o != r && o.Contains(r))).ToList(); // keep outermost, document order
        }
        else
        {
            RemoveAll(body, Chrome);
            foreach (var e in body.QuerySelectorAll(PageHeaderFooter).ToList())
                if (e.Closest("article, main, [role=main]") is null) e.Remove();
            roots = [MainContent(body)];
        }

        var writer = new BlockWriter();
        foreach (var root in roots) Walk(root, writer);
        writer.Flush();
        return TextNormalizer.Join(writer.Lines);
    }

    /// <summary>
    /// The element that holds the policy: the largest <c>main</c>, else the largest <c>article</c>
    /// when it holds most of the page's text, else the whole body without its chrome.
    /// </summary>
    private static IElement MainContent(IElement body)
    {
        var total = TextLength(body);
        var main = Largest(body.QuerySelectorAll("main, [role=main]"));
        if (main is not null && TextLength(main) > 0) return main;
        var article = Largest(body.QuerySelectorAll("article"));
        if (article is not null && TextLength(article) >= total * 0.3) return article;
        return body;
    }

    private static IElement? Largest(IEnumerable<IElement> elements) => elements.MaxBy(TextLength);

    private static int TextLength(IElement e) => e.TextContent.Count(c => !char.IsWhiteSpace(c));

    private static void RemoveAll(IElement root, string selector)
    {
        foreach (var e in root.QuerySelectorAll(selector).ToList()) e.Remove();
    }

    private static void Walk(INode node, BlockWriter w)
    {
        switch (node)
        {
            case IText text:
                w.Append(text.Data);
                return;
            case IElement e:
                var name = e.LocalName;
                if (name == "br")
                {
                    w.Flush();
                    return;
                }
                if (name == "tr")
                {
                    w.Flush();
                    var cells = e.Children.Where(c => c.LocalName is "td" or "th").Select(CellText).ToList();
                    w.Line(string.Join(" | ", cells));
                    return;
                }
                if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                {
                    w.Flush();
                    w.Append(new string('#', name[1] - '0') + " ");
                    WalkChildren(e, w);
                    w.Flush();
                    return;
                }
                if (name == "li")
                {
                    w.Flush();
                    w.Append(ListMarker(e));
                    WalkChildren(e, w);
                    w.Flush();
                    return;
                }
                var block = Blocks.Contains(name);
                if (block) w.Flush();
                WalkChildren(e, w);
                if (block) w.Flush();
                return;
        }
    }

    private static void WalkChildren(INode e, BlockWriter w)
    {
        foreach (var child in e.ChildNodes) Walk(child, w);
    }

    private static string CellText(IElement cell)
    {
        var w = new BlockWriter();
        Walk(cell, w);
        w.Flush();
        return string.Join(" ", w.Lines.Select(TextNormalizer.NormalizeLine).Where(l => l.Length > 0));
    }

    /// <summary>Ordered lists show their numbers in the browser, so the text keeps them too.</summary>
    private static string ListMarker(IElement li)
    {
        if (li.ParentElement is not IHtmlOrderedListElement ol) return "- ";
        var index = ol.Children.Where(c => c.LocalName == "li").TakeWhile(c => c != li).Count();
        var start = int.TryParse(ol.GetAttribute("start"), out var s) ? s : 1;
        var own = TextNormalizer.NormalizeLine(li.TextContent);
        // Clauses often carry their own number ("3.2. …"); do not number them twice.
        return own.Length > 0 && char.IsDigit(own[0]) ? "" : $"{start + index}. ";
    }

    private sealed class BlockWriter
    {
        private readonly StringBuilder _current = new();
        public List<string> Lines { get; } = [];

        public void Append(string text) => _current.Append(text);

        public void Line(string text)
        {
            Flush();
            Lines.Add(text);
        }

        public void Flush()
        {
            if (_current.Length == 0) return;
            var line = TextNormalizer.NormalizeLine(_current.ToString());
            _current.Clear();
            // A marker alone ("- ", "# ") is not a block.
            if (line.Trim('-', '#', ' ').Length > 0) Lines.Add(line);
        }
    }
}
