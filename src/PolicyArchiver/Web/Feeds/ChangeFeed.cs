using System.Globalization;
using System.ServiceModel.Syndication;
using System.Net;
using PolicyArchiver.Changes;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Clauses;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// The changes of documents as an Atom feed (RFC 4287): one entry per change a company made, so a
/// researcher's feed reader tells them when a policy changed and shows what changed.
/// </summary>
internal sealed class ChangeFeed(ArchiveReader reader, Uri site, EntryContentCache cache)
{
    /// <summary>
    /// Only the newest 100 changes are entries: a feed is for hearing about new changes, and readers
    /// fetch it often; the whole history is on the site and in the API.
    /// </summary>
    public const int MaxEntries = 100;

    /// <summary>
    /// What <c>updated</c> says of a feed with no entries: a fixed instant, so a reader polling an
    /// empty feed never sees it "change".
    /// </summary>
    private static readonly DateTimeOffset NothingYet = DateTimeOffset.UnixEpoch;

    /// <summary>One entry to be: the change, its document and company, and the two versions it is made from.</summary>
    internal sealed record Planned(CompanyView Company, DocumentView Document, NumberedChange Change, DocumentVersion? From, DocumentVersion? To);

    /// <summary>
    /// What a feed will hold, read from the catalog without any text or diff: enough to know its
    /// <see cref="Validator"/>, so that an unchanged feed is answered 304 before it is built.
    /// </summary>
    internal sealed record Plan(string Id, string Title, Uri Self, Uri Alternate, IReadOnlyList<Planned> Entries, FeedValidator Validator);

    public async Task<Plan> AllAsync(CancellationToken ct)
    {
        var companies = await reader.CompaniesAsync(ct);
        return await PlanAsync(companies, FeedIds.Feed(site, "changes"), "Changes of companies' policies · PolicyArchiver",
            Absolute("/feed.atom"), Absolute("/changes"), ct);
    }

    public async Task<Plan> CompanyAsync(CompanyView company, CancellationToken ct)
    {
        var path = "/companies/" + Uri.EscapeDataString(company.Id);
        return await PlanAsync([company], FeedIds.Feed(site, $"companies/{Uri.EscapeDataString(company.Id)}/changes"),
            $"Changes of {company.Name}'s policies · PolicyArchiver", Absolute(path + "/feed.atom"), Absolute(path), ct);
    }

    private async Task<Plan> PlanAsync(IReadOnlyList<CompanyView> companies, string id, string title, Uri self, Uri alternate, CancellationToken ct)
    {
        var documents = companies.SelectMany(c => c.Documents.Select(d => (Company: c, Document: d))).ToDictionary(x => x.Document.Key, StringComparer.Ordinal);
        var changes = (await reader.AllChangesAsync(documents.Keys, includeTechnical: false, ct)).Take(MaxEntries).ToList();
        // Each document's versions are read once, for the text digests that name what an entry shows.
        var versions = new Dictionary<string, IReadOnlyDictionary<int, DocumentVersion>>(StringComparer.Ordinal);
        foreach (var key in changes.Select(c => c.Change.Document).Distinct(StringComparer.Ordinal))
            versions[key] = (await reader.Catalog.GetVersionsAsync(key, ct)).ToDictionary(v => v.Number);
        var entries = changes.Select(c =>
        {
            var (company, document) = documents[c.Change.Document];
            var of = versions[c.Change.Document];
            return new Planned(company, document, c, of.GetValueOrDefault(c.Change.FromVersion), of.GetValueOrDefault(c.Change.ToVersion));
        }).ToList();
        var inputs = new List<string> { site.AbsoluteUri, id, title, SiteTopics.Fingerprint };
        foreach (var e in entries)
            inputs.AddRange([ContentKey(e), Title(e), Instant.Format(e.Change.Change.At), Summary(e.Change.Change)]);
        var newest = changes.Count > 0 ? changes.Max(c => c.Change.At) : NothingYet;
        return new Plan(id, title, self, alternate, entries, FeedValidator.Of(inputs, newest));
    }

    public async Task<SyndicationFeed> BuildAsync(Plan plan, CancellationToken ct)
    {
        var entries = new List<SyndicationItem>();
        foreach (var planned in plan.Entries) entries.Add(await EntryAsync(planned, ct));
        var feed = new SyndicationFeed(entries)
        {
            Id = plan.Id,
            Title = new TextSyndicationContent(plan.Title),
            LastUpdatedTime = plan.Validator.LastModified,
            Generator = "PolicyArchiver",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "PolicyArchiver" });
        feed.Links.Add(new SyndicationLink(plan.Self, "self", plan.Title, "application/atom+xml", 0));
        feed.Links.Add(new SyndicationLink(plan.Alternate, "alternate", plan.Title, "text/html", 0));
        return feed;
    }

    private async Task<SyndicationItem> EntryAsync(Planned planned, CancellationToken ct)
    {
        var (_, document, numbered, _, _) = planned;
        var change = numbered.Change;
        var diffPath = $"/companies/{Uri.EscapeDataString(document.CompanyId)}/{Uri.EscapeDataString(document.Id)}/changes/{numbered.Number}";
        var content = await cache.GetAsync(ContentKey(planned), () => RenderAsync(planned, ct));
        var entry = new SyndicationItem
        {
            Id = FeedIds.Entry(site, document.CompanyId, document.Id, numbered),
            Title = new TextSyndicationContent(Title(planned)),
            LastUpdatedTime = change.At,
            PublishDate = change.At,
            Summary = new TextSyndicationContent(Summary(change)),
            Content = new TextSyndicationContent(content.Html, TextSyndicationContentKind.Html),
        };
        entry.Links.Add(SyndicationLink.CreateAlternateLink(Absolute(diffPath), "text/html"));
        // Feed readers filter and group by category: one per topic the change touches.
        foreach (var topic in content.Topics)
            entry.Categories.Add(new SyndicationCategory(topic, Absolute(TopicScheme).ToString(), SiteTopics.Label(topic)));
        return entry;
    }

    /// <summary>What an entry's content is made of; the same key always renders the same HTML.</summary>
    private static string ContentKey(Planned e) =>
        string.Join('\n', e.Change.Change.Document, e.Change.Number, e.From?.TextSha256 ?? "-", e.To?.TextSha256 ?? "-", SiteTopics.Fingerprint);

    /// <summary>The clause list and word diff of a change: the work a cached entry saves.</summary>
    private async Task<EntryContent> RenderAsync(Planned planned, CancellationToken ct)
    {
        if (planned.From is null || planned.To is null) return new EntryContent(NoTexts, []);
        var (old, @new) = (await reader.ReadTextAsync(planned.From, ct), await reader.ReadTextAsync(planned.To, ct));
        var insight = ChangeInsight.Of(old, @new, SiteTopics.Lexicon);
        return new EntryContent(Clauses(insight) + DiffHtml.Render(TextDiff.WordDiff(old, @new)), insight.Topics);
    }

    private static string Title(Planned e) =>
        $"{e.Company.Name} — {DocumentName(e.Document)} ({e.Document.Language}): version {e.Change.Change.FromVersion} → {e.Change.Change.ToVersion}";

    /// <summary>The scheme of the topic categories: the site's namespace for topic ids (see docs/topics.md).</summary>
    public const string TopicScheme = "/topics";

    private const string NoTexts = "<p>The texts of this change are not in the archive.</p>";

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
