namespace PolicyArchiver.Search;

/// <summary>What a search found, a page of it: <see cref="Total"/> documents matched in all.</summary>
internal sealed record SearchResults(SearchQuery Query, int Total, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// A document the query matches: the versions that contain it (in the date window asked for), the
/// spans of its history in which it was there, and a snippet of the latest of those versions.
/// </summary>
internal sealed record SearchHit(string Document, IReadOnlyList<MatchedVersion> Versions, IReadOnlyList<PresenceSpan> Spans, Snippet? Snippet);

/// <summary>A version containing the query, with the time it was in force: until the next version, or still (null).</summary>
internal sealed record MatchedVersion(int Number, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil);

/// <summary>
/// A stretch of consecutive versions containing the query. It appeared in <see cref="AppearedIn"/>,
/// brought by change <see cref="AppearedBy"/> (null: there since the first version), and disappeared
/// in <see cref="DisappearedIn"/> with change <see cref="DisappearedBy"/> (null: still in the latest
/// version). Change numbers are those of the document's change registry (<c>/changes/{n}</c>).
/// </summary>
internal sealed record PresenceSpan(int AppearedIn, DateTimeOffset AppearedAt, int? AppearedBy, int? DisappearedIn, DateTimeOffset? DisappearedAt, int? DisappearedBy);

/// <summary>A short passage of a version around the first match, with every match in it marked.</summary>
internal sealed record Snippet(int Version, string Text, IReadOnlyList<Highlight> Highlights);

/// <summary>A marked stretch of a snippet's text, in UTF-16 code units.</summary>
internal sealed record Highlight(int Start, int Length);
