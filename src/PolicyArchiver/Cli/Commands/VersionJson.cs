using PolicyArchiver.Storage;

namespace PolicyArchiver.Cli.Commands;

/// <summary>The JSON shape of a version (<c>history --json</c>, <c>/api/…/versions</c>): a contract, fields are added, never renamed.</summary>
internal sealed record VersionJson(int Version, DateTimeOffset CapturedAt, string TextSha256, string SnapshotSha256, int Added, int Removed, string Extractor, string Rules, bool Technical, bool Ocr)
{
    public static VersionJson From(DocumentVersion v) =>
        new(v.Number, v.CapturedAt.ToUniversalTime(), v.TextSha256, v.SnapshotSha256, v.Added, v.Removed, v.Extractor, v.Rules, v.Technical, v.Ocr);
}
