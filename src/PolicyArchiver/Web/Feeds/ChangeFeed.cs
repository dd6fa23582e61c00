using System.Globalization;
using System.ServiceModel.Syndication;
using System.Net;
using PolicyArchiver.Diffing;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Clauses;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// The changes of documents as an Atom feed (RFC 4287): one entry per change a company made, so a
/// researcher's feed reader tells them when a policy changed and shows what changed.
/// </summary>
internal sealed class ChangeFeed(ArchiveReader reader, Uri site)
{
    /// <summary>
    /// Only the newest 100 changes are entries: a feed is for hearing about new changes, and readers
    /// fetch it often; the whole history is on the site and in the API.
    /// </summary>
    public const int MaxEntries = 100;

    /// <summary>The date in the feeds' own tag ids (RFC 4151): fixed, so the ids never change.</summary>
    private const string FeedTagDate = "2026";

    /// <summary>
    /// What <c>updated</c> says of a feed with no entries: a fixed instant, so a reader polling an
    /// empty feed never sees it "change".
    /// </summary>
    private static readonly DateTimeOffset NothingYet = DateTimeOffset.UnixEpoch;

    public async Task<SyndicationFeed> AllAsync(CancellationToken ct)
    {
        var companies = await reader.CompaniesAsync(ct);
        return await BuildAsync(companies, $"tag:policyarchiver,{FeedTagDate}:changes", "Changes of companies' policies · PolicyArchiver",
            Absolute("/feed.atom"), Absolute("/changes"), ct);
    }

    public async Task<SyndicationFeed> CompanyAsync(CompanyView company, CancellationToken ct)
    {
        var path = "/companies/" + Uri.EscapeDataString(company.Id);
        return await BuildAsync([company], $"tag:policyarchiver,{FeedTagDate}:companies/{Uri.EscapeDataString(company.Id)}/changes",
            $"Changes of {company.Name}'s policies · PolicyArchiver", Absolute(path + "/feed.atom"), Absolute(path), ct);
    }

    private async Task<SyndicationFeed> BuildAsync(IReadOnlyList<CompanyView> companies, string id, string title, Uri self, Uri alternate, CancellationToken ct)
    {
        var documents = companies.SelectMany(c => c.Documents.Select(d => (Company: c, Document: d))).ToDictionary(x => x.Document.Key, StringComparer.Ordinal);
        var changes = (await reader.AllChangesAsync(documents.Keys, includeTechnical: false, ct)).Take(MaxEntries).ToList();
        var entries = new List<SyndicationItem>();
        foreach (var change in changes)
        {
            var (company, document) = documents[change.Change.Document];
            entries.Add(await EntryAsync(company, document, change, ct));
        }

        var feed = new SyndicationFeed(entries)
        {
            Id = id,
            Title = new TextSyndicationContent(title),
            LastUpdatedTime = changes.Count > 0 ? changes.Max(c => c.Change.At) : NothingYet,
            Generator = "PolicyArchiver",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "PolicyArchiver" });
        feed.Links.Add(new SyndicationLink(self, "self", title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(alternate, "alternate", title, "text/html", 0));
        return feed;
    }

    private async Task<SyndicationItem> EntryAsync(CompanyView company, DocumentView document, NumberedChange numbered, CancellationToken ct)
    {
        var change = numbered.Change;
        var diffPath = $"/companies/{Uri.EscapeDataString(document.CompanyId)}/{Uri.EscapeDataString(document.Id)}/changes/{numbered.Number}";
        var texts = await TextsAsync(change, ct);
        var insight = texts is { } t ? ChangeInsight.Of(t.Old, t.New, SiteTopics.Lexicon) : ChangeInsight.None;
        var entry = new SyndicationItem
        {
            Id = EntryId(document, numbered),
            Title = new TextSyndicationContent($"{company.Name} — {DocumentName(document)} ({document.Language}): version {change.FromVersion} → {change.ToVersion}"),
            LastUpdatedTime = change.At,
            PublishDate = change.At,
            Summary = new TextSyndicationContent(Summary(change)),
            Content = new TextSyndicationContent(texts is { } both ? Clauses(insight) + DiffHtml.Render(TextDiff.WordDiff(both.Old, both.New)) : NoTexts, TextSyndicationContentKind.Html),
        };
        entry.Links.Add(SyndicationLink.CreateAlternateLink(Absolute(diffPath), "text/html"));
        // Feed readers filter and group by category: one per topic the change touches.
        foreach (var topic in insight.Topics)
            entry.Categories.Add(new SyndicationCategory(topic, Absolute(TopicScheme).ToString(), SiteTopics.Label(topic)));
        return entry;
    }

    /// <summary>The scheme of the topic categories: the site's namespace for topic ids (see docs/topics.md).</summary>
    public const string TopicScheme = "/topics";

    private const string NoTexts = "<p>The texts of this change are not in the archive.</p>";

    /// <summary>
    /// A tag URI (RFC 4151) dated by the change itself: it names the change, not the address it is
    /// served from, so it survives the site moving to another host.
    /// </summary>
    public static string EntryId(DocumentView document, NumberedChange change) =>
        string.Create(CultureInfo.InvariantCulture,
            $"tag:policyarchiver,{change.Change.At.UtcDateTime:yyyy-MM-dd}:{Uri.EscapeDataString(document.CompanyId)}/{Uri.EscapeDataString(document.Id)}/changes/{change.Number}");

    /// <summary>The document's own title, else its type in words (<c>privacy-policy</c> → "Privacy policy").</summary>
    private static string DocumentName(DocumentView document)
    {
        if (!string.IsNullOrWhiteSpace(document.Title)) return document.Title;
        var words = document.Type.Replace('-', ' ');
        return words.Length == 0 ? document.Id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The change's size as the change registry counts it, with real minus signs.</summary>
    public static string Summary(Change change) =>
        string.Create(CultureInfo.InvariantCulture, $"+{change.LinesAdded} −{change.LinesRemoved} lines, +{change.WordsAdded} −{change.WordsRemoved} words");

    private async Task<(string Old, string New)?> TextsAsync(Change change, CancellationToken ct)
    {
        var from = await reader.Catalog.GetVersionAsync(change.Document, change.FromVersion, ct);
        var to = await reader.Catalog.GetVersionAsync(change.Document, change.ToVersion, ct);
        if (from is null || to is null) return null;
        return (await reader.ReadTextAsync(from, ct), await reader.ReadTextAsync(to, ct));
    }

    /// <summary>The clause changes as a list ahead of the word diff: what a researcher scans first.</summary>
    private static string Clauses(ChangeInsight insight)
    {
        if (insight.Clauses.Count == 0) return "";
        var html = new System.Text.StringBuilder("<p><strong>Clauses</strong></p>\n<ul>\n");
        foreach (var c in insight.Clauses)
        {
            html.Append("<li><b>").Append(WebUtility.HtmlEncode(c.From is { } from ? $"{from} → {c.Id}" : c.Id)).Append("</b> ")
                .Append(c.Kind.ToString().ToLowerInvariant());
            if (c.Kind == ClauseChangeKind.Moved && c.TextChanged) html.Append(" (edited)");
            if (c.Topics.Count > 0) html.Append(" · ").Append(WebUtility.HtmlEncode(string.Join(", ", c.Topics.Select(SiteTopics.Label))));
            html.Append("</li>\n");
        }
        return html.Append("</ul>\n").ToString();
    }

    private Uri Absolute(string path) => new(site, path);
}
