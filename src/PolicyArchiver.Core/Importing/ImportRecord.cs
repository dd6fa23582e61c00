namespace PolicyArchiver.Importing;

/// <summary>One capture made elsewhere (another archive's WARC, a file a researcher saved), to be imported.</summary>
/// <param name="Source">Where it came from, shown with every observation it becomes: <c>import:FILE#RECORD-ID</c>.</param>
internal sealed record ImportRecord(
    string Url,
    DateTimeOffset At,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string Source)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
}
