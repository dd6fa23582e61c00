using PolicyArchiver.Insight;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Contracts;

/// <summary>The JSON shape of a version (<c>history --json</c>, <c>/api/…/versions</c>): a contract, fields are added, never renamed.</summary>
/// <param name="Topics">The topics of the change that produced this version (empty for the first).</param>
/// <param name="Clauses">The clause changes of that change, in reading order (empty for the first).</param>
internal sealed record VersionJson(int Version, DateTimeOffset CapturedAt, string TextSha256, string SnapshotSha256, int Added, int Removed, string Extractor, string Rules, bool Technical, bool Ocr,
    IReadOnlyList<string> Topics, IReadOnlyList<ClauseJson> Clauses)
{
    public static VersionJson From(DocumentVersion v, ChangeInsight insight) =>
        new(v.Number, v.CapturedAt.ToUniversalTime(), v.TextSha256, v.SnapshotSha256, v.Added, v.Removed, v.Extractor, v.Rules, v.Technical, v.Ocr,
            insight.Topics, insight.Clauses.Select(ClauseJson.Of).ToList());
}
