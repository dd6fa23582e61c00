using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Replay;

/// <summary>
/// An HTTP response as the archive holds it: the status and header fields the site sent, and the
/// body, decoded (the network client undid any content encoding before the body was recorded).
/// </summary>
/// <param name="Record">The response or revisit record it was read from (its URL and date are the memento's).</param>
internal sealed record ArchivedResponse(WarcRecordLocation Record, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The first value of a header field, by case-insensitive name.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? ContentType => Header("Content-Type");
}
