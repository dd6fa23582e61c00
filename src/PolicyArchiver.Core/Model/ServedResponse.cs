namespace PolicyArchiver.Model;

/// <summary>
/// One HTTP exchange exactly as it happened: what we asked, the status, the header fields in the
/// order the server sent them, and the body bytes (decoded from any content encoding).
/// </summary>
public sealed record ServedResponse(
    string Url,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> RequestHeaders,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> HeaderLines,
    byte[] Body)
{
    /// <summary>Header fields by lowercase name; repeated fields joined as Playwright joins them.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = HeaderLines
        .GroupBy(h => h.Key.ToLowerInvariant())
        .ToDictionary(g => g.Key, g => string.Join(g.Key == "set-cookie" ? "\n" : ", ", g.Select(h => h.Value)));

    /// <summary>The body stops at the capture's size cap: the server sent more (WARC-Truncated: length).</summary>
    public bool Truncated { get; init; }

    /// <summary>The request method: GET for documents; a page's scripts may POST.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The body we sent with the request (a script's POST), exactly; null when there was none.</summary>
    public byte[]? RequestBody { get; init; }

    public string? ContentType => Headers.GetValueOrDefault("content-type");
    public bool IsRedirect => Status is >= 300 and < 400 && Headers.ContainsKey("location");
}
