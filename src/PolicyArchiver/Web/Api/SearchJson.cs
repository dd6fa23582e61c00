using PolicyArchiver.Search;
using PolicyArchiver.Web;

namespace PolicyArchiver.Web.Api;

/// <summary>
/// The JSON shape of a search result (<c>search --json</c>, <c>/api/search</c>): a contract, fields are
/// added, never renamed. One per matching document.
/// </summary>
/// <param name="Versions">The versions containing the query that were in force in the date window asked for.</param>
/// <param name="Spans">Every stretch of the document's history containing the query, oldest first.</param>
internal sealed record SearchHitJson(string Document, string Company, string CompanyName, string Sector, string DocumentId, string? Title, string Type, string Language,
    IReadOnlyList<MatchedVersionJson> Versions, IReadOnlyList<SpanJson> Spans, SnippetJson? Snippet)
{
    public static SearchHitJson From(FoundDocument f) =>
        new(f.Hit.Document, f.Company.Id, f.Company.Name, f.Company.Sector, f.Document.Id, f.Document.Title, f.Document.Type, f.Document.Language,
            f.Hit.Versions.Select(v => new MatchedVersionJson(v.Number, v.ValidFrom.ToUniversalTime(), v.ValidUntil?.ToUniversalTime())).ToList(),
            f.Hit.Spans.Select(s => new SpanJson(s.AppearedIn, s.AppearedAt.ToUniversalTime(), s.AppearedBy, s.AppearedBy is null,
                s.DisappearedIn, s.DisappearedAt?.ToUniversalTime(), s.DisappearedBy)).ToList(),
            f.Hit.Snippet is { } s ? new SnippetJson(s.Version, s.Text, s.Highlights.Select(h => new HighlightJson(h.Start, h.Length)).ToList()) : null);
}

/// <param name="ValidUntil">When the next version replaced it; null while it is the latest.</param>
internal sealed record MatchedVersionJson(int Number, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil);

/// <param name="AppearedByChange">The number of the change that introduced the query (<c>/changes/{n}</c>); null when it was there since the first version.</param>
/// <param name="SinceFirstVersion">True when the query was in the document's first version.</param>
/// <param name="DisappearedIn">The first later version without it; null while it is in the latest version.</param>
/// <param name="DisappearedByChange">The number of the change that removed it; null while it is in the latest version.</param>
internal sealed record SpanJson(int AppearedIn, DateTimeOffset AppearedAt, int? AppearedByChange, bool SinceFirstVersion,
    int? DisappearedIn, DateTimeOffset? DisappearedAt, int? DisappearedByChange);

/// <param name="Highlights">Where the matches are in <see cref="Text"/>, in UTF-16 code units (JavaScript string indexes).</param>
internal sealed record SnippetJson(int Version, string Text, IReadOnlyList<HighlightJson> Highlights);

internal sealed record HighlightJson(int Start, int Length);
