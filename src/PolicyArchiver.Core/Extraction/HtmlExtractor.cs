using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using System.Text.RegularExpressions;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Turns an HTML page into the policy's normalised text: headings (<c># …</c>), numbered
/// clauses, list items (<c>- …</c>, <c>1. …</c>), table rows (<c>a | b</c>), one block per line.
/// With no <c>select</c>, finds the body on its own and leaves out the page's chrome.
/// </summary>
internal static class HtmlExtractor
{
    /// <summary>Never part of any document's text.</summary>
    private const string Unrenderable =
        "script, style, noscript, template, svg, canvas, iframe, object, embed, link, meta, head, input, select, textarea";

    /// <summary>The page chrome that the default extraction leaves out.</summary>
    private const string Chrome =
        "nav, form, dialog, aside, [role=navigation], [role=complementary], [role=search], [role=dialog], [aria-modal=true], " +
        "[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i], [class*=gdpr i], " +
        "[class~=ad], [class~=ads], [class^='ad-'], [class*=' ad-'], [data-ad-slot], [data-ad], [class*=advert i], [id*=advert i], " +
        "[class*=promo i], [class*=banner i], [id*=banner i], " +
        "[class*=breadcrumb i], [class*=share i], [class*=social i], " +
        // Sidebars of related documents, matched as whole class words so that a page wrapper
        // named "has-sidebar" is not taken for one.
        "[class~=sidebar], [id~=sidebar], [class~=side-bar], [class~=related], [class~=related-documents], [class~=related-links]";

    /// <summary>
    /// Names that usually mean page furniture but also occur on wrappers ("has-sidebar",
    /// "page-header" holding the title): such an element goes only when it holds no <c>h1</c> and
    /// little of the page's text.
    /// </summary>
    private const string SoftChrome =
        "[class*=sidebar i], [id*=sidebar i], [class*=related i], [id*=related i], [class*=menu i], [id*=menu i], " +
        "#header, #footer, [class~=header], [class~=footer], [class*=site-header i], [class*=site-footer i], " +
        "[class*=page-header i], [class*=page-footer i], [class*=topbar i], [class*=navbar i]";

    /// <summary>Custom elements of component frameworks (Angular, Web Components) named as page furniture.</summary>
    private static readonly Regex ChromeElement = new("-(header|footer|nav|navbar|sidebar|menu|banner|cookies?|ticker|toolbar)$", RegexOptions.CultureInvariant);

    /// <summary>Header and footer of the page, but not the header of the policy article itself.</summary>
    private const string PageHeaderFooter = "header, footer, [role=banner], [role=contentinfo]";

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "tr", "caption", "figure", "figcaption", "hr", "details", "summary", "center", "body", "form", "fieldset", "legend",
    };

    public static string Extract(string html, IReadOnlyList<string> select, IReadOnlyList<string> remove) =>
        Extract(html, new ExtractionRules(select, remove, [], []));

    /// <param name="baseUrl">The page's URL, against which relative links are made absolute.</param>
    public static string Extract(string html, ExtractionRules rules, Uri? baseUrl = null) => Extract(HtmlPage.Parse(html), rules, baseUrl, shared: false);

    /// <summary>One document's text from a page parsed once.</summary>
    /// <param name="shared">Whether other documents are read from the same page: then it is left as parsed.</param>
    public static string Extract(HtmlPage page, ExtractionRules rules, Uri? baseUrl, bool shared)
    {
        var document = page.Document;
        var body = document.Body;
        if (body is null) return "";

        IReadOnlyList<IElement> roots;
        var skip = new HashSet<IElement>();
        if (rules.Select.Count > 0)
        {
            // What `remove` names is passed over rather than taken out, so that the page stays as it
            // was parsed for the next document that reads it.
            foreach (var selector in rules.Remove) skip.UnionWith(body.QuerySelectorAll(selector));
            roots = SelectedByEach(document, body, rules.Select).Where(e => !Skipped(e, body, skip)).Distinct().ToList();
            roots = roots.Where(r => !roots.Any(o => o != r && o.Contains(r))).ToList(); // keep outermost, document order
        }
        else
        {
            // Finding the content takes the chrome out of the tree: a page other documents also read is copied first.
            if (shared)
            {
                document = (IDocument)document.Clone(deep: true);
                body = document.Body!;
            }
            foreach (var selector in rules.Remove) RemoveAll(body, selector);
            RemoveAll(body, Chrome);
            foreach (var e in body.QuerySelectorAll("*").Where(e => ChromeElement.IsMatch(e.LocalName)).ToList()) e.Remove();
            foreach (var e in body.QuerySelectorAll(PageHeaderFooter).ToList())
                if (e.Closest("article, main, [role=main]") is null) e.Remove();
            var total = TextLength(body);
            foreach (var e in body.QuerySelectorAll(SoftChrome).ToList())
                if (e.Parent is not null && e.QuerySelector("h1") is null && TextLength(e) < total * 0.3) e.Remove();
            roots = [MainContent(body)];
        }

        var writer = new BlockWriter(baseUrl, rules.StripQuery, skip);
        foreach (var root in roots) Walk(root, writer);
        writer.Flush();
        return Ignore(TextNormalizer.JoinNormal(writer.Lines), rules.Ignore);
    }

    /// <summary>
    /// What no document's text ever holds, taken out once per page: scripts, styles, controls and
    /// the like. Obfuscated e-mail addresses are decoded first.
    /// </summary>
    internal static void Clean(IElement body)
    {
        DecodeProtectedEmails(body);
        // One walk over the tree: a page of thousands of elements is not searched once per kind of element.
        var doomed = new List<IElement>();
        void Visit(IElement parent)
        {
            // The child list, not NextElementSibling: AngleSharp finds a sibling by searching the
            // parent's children, which made a flat page of 300,000 paragraphs quadratic (minutes).
            foreach (var node in parent.ChildNodes)
            {
                if (node is not IElement e) continue;
                // Buttons are controls, except where they carry a section's title (accordion headers).
                if (UnrenderableElements.Contains(e.LocalName) || e.LocalName == "button" && e.Closest("h1, h2, h3, h4, h5, h6, summary") is null)
                    doomed.Add(e);
                else Visit(e);
            }
        }
        Visit(body);
        foreach (var e in doomed) e.Remove();
    }

    /// <summary>The elements of <see cref="Unrenderable"/>, by name.</summary>
    private static readonly HashSet<string> UnrenderableElements = new(Unrenderable.Split(',', StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    private static bool Skipped(IElement element, IElement body, HashSet<IElement> skip)
    {
        if (skip.Count == 0) return false;
        for (var e = element; e is not null && e != body; e = e.ParentElement)
            if (skip.Contains(e)) return true;
        return skip.Contains(body);
    }

    /// <summary>Whether any of the <c>select</c> selectors matches an element of the page (<c>html</c> and <c>body</c> included).</summary>
    public static bool Selects(string html, IReadOnlyList<string> select)
    {
        var document = HtmlPage.Parse(html).Document;
        return document.Body is { } body && select.Any(s => Selected(document, body, s).Any());
    }

    /// <summary>
    /// The elements a selector picks, matched against the whole document so that <c>html</c> and
    /// <c>body</c> work like any other selector. The page's text lives in its body: <c>html</c>
    /// stands for the body, and what sits in the head (title, scripts) is never text.
    /// </summary>
    private static IEnumerable<IElement> Selected(IDocument document, IElement body, string selector) =>
        document.QuerySelectorAll(selector)
            .Select(e => e == document.DocumentElement ? body : e)
            .Where(e => e == body || body.Contains(e));

    /// <summary>
    /// What each selector picks, selector after selector, each in document order: the page is
    /// searched once for all of them (a document of several sections names each), then every
    /// element found is matched against each selector.
    /// </summary>
    private static IEnumerable<IElement> SelectedByEach(IDocument document, IElement body, IReadOnlyList<string> select)
    {
        if (select.Count == 1) return Selected(document, body, select[0]);
        var found = Selected(document, body, string.Join(", ", select)).ToList();
        return select.SelectMany(s => found.Where(e => (e == body ? document.DocumentElement.Matches(s) || e.Matches(s) : e.Matches(s))));
    }

    /// <summary>Drops the volatile fragments the document's <c>ignore</c> rules name, line by line.</summary>
    private static string Ignore(string text, IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0) return text;
        var regexes = patterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList();
        return TextNormalizer.Join(text.Split('\n').Select(line => regexes.Aggregate(line, (l, r) => r.Replace(l, ""))));
    }

    private static void DecodeProtectedEmails(IElement body)
    {
        foreach (var span in body.QuerySelectorAll("[data-cfemail]").ToList())
            if (Links.DecodeCloudflareEmail(span.GetAttribute("data-cfemail")!) is { } email)
                span.Replace(span.Owner!.CreateTextNode(email));
        foreach (var a in body.QuerySelectorAll("a[href*='/cdn-cgi/l/email-protection']").ToList())
        {
            var href = a.GetAttribute("href")!;
            var hash = href.IndexOf('#');
            if (hash >= 0 && Links.DecodeCloudflareEmail(href[(hash + 1)..]) is { } email) a.SetAttribute("href", "mailto:" + email);
        }
    }

    /// <summary>
    /// The element that holds the policy: the largest <c>main</c> (or the <c>article</c> in it when
    /// that holds most of its text), else the largest <c>article</c> when it holds most of the
    /// page's text, else the smallest element around the title that holds most of the text (pages
    /// built of anonymous divs), else the whole body without its chrome.
    /// </summary>
    private static IElement MainContent(IElement body)
    {
        var total = TextLength(body);
        var main = Largest(body.QuerySelectorAll("main, [role=main]"));
        if (main is not null && TextLength(main) > 0)
        {
            var inner = Largest(main.QuerySelectorAll("article"));
            return inner is not null && TextLength(inner) >= TextLength(main) * 0.6 ? inner : main;
        }
        var article = Largest(body.QuerySelectorAll("article"));
        if (article is not null && TextLength(article) >= total * 0.3) return article;
        if (body.QuerySelector("h1") is { } title)
            for (var e = title.ParentElement; e is not null && e != body; e = e.ParentElement)
                if (TextLength(e) >= total * 0.6) return e;
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
            case IElement e when w.Skip.Contains(e):
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
                    var cells = e.Children.Where(c => c.LocalName is "td" or "th" && !w.Skip.Contains(c)).Select(c => CellText(c, w)).ToList();
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
                if (name == "a" && e.GetAttribute("href") is { } href && !href.TrimStart().StartsWith('#') &&
                    Links.Normalize(href, w.BaseUrl, w.StripQuery) is { } target)
                {
                    var inner = w.Inner();
                    WalkChildren(e, inner);
                    inner.Flush();
                    var label = string.Join(" ", inner.Lines);
                    // An icon-only link has no words to keep; a link whose words are its address reads better bare.
                    if (label.Length > 0) w.Append(Links.IsOwnAddress(label, target) ? label : $"[{label}]({target})");
                    return;
                }
                if (name == "li")
                {
                    w.Flush();
                    w.Append(ListMarker(e, w.Skip));
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

    private static string CellText(IElement cell, BlockWriter parent)
    {
        var w = parent.Inner();
        Walk(cell, w);
        w.Flush();
        return string.Join(" ", w.Lines.Where(l => l.Length > 0));
    }

    /// <summary>Ordered lists show their numbers in the browser, so the text keeps them too.</summary>
    private static string ListMarker(IElement li, HashSet<IElement> skip)
    {
        if (li.ParentElement is not IHtmlOrderedListElement ol) return "- ";
        var index = ol.Children.Where(c => c.LocalName == "li" && !skip.Contains(c)).TakeWhile(c => c != li).Count();
        var start = int.TryParse(ol.GetAttribute("start"), out var s) ? s : 1;
        var own = TextNormalizer.NormalizeLine(TextOf(li, skip));
        // Clauses often carry their own number ("3.2. …"); do not number them twice.
        return own.Length > 0 && char.IsDigit(own[0]) ? "" : $"{start + index}. ";
    }

    /// <summary>The text of a node less what is passed over.</summary>
    private static string TextOf(INode node, HashSet<IElement> skip)
    {
        if (skip.Count == 0) return node.TextContent;
        var text = new StringBuilder();
        void Add(INode n)
        {
            if (n is IText t) text.Append(t.Data);
            else if (n is not IElement e || !skip.Contains(e))
                foreach (var child in n.ChildNodes) Add(child);
        }
        Add(node);
        return text.ToString();
    }

    /// <param name="skip">Elements passed over, with all they hold (what a document's <c>remove</c> names).</param>
    private sealed class BlockWriter(Uri? baseUrl, IReadOnlyList<string> stripQuery, HashSet<IElement> skip)
    {
        public Uri? BaseUrl { get; } = baseUrl;
        public IReadOnlyList<string> StripQuery { get; } = stripQuery;
        public HashSet<IElement> Skip { get; } = skip;

        /// <summary>A writer for a part of the page read on its own (a link's label, a table cell).</summary>
        public BlockWriter Inner() => new(BaseUrl, StripQuery, Skip);

        private readonly StringBuilder _current = new();
        public List<string> Lines { get; } = [];

        public void Append(string text) => _current.Append(text);

        /// <summary>Every line is kept normalised, so the text is joined without normalising it again.</summary>
        public void Line(string text)
        {
            Flush();
            Lines.Add(TextNormalizer.NormalizeLine(text));
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
