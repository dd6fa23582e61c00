namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// Where each WARC record was written (file, offset, digests), as the catalog indexes it. Owned here,
/// not by Storage, so the WARC writer depends on the role and Storage on Evidence.Warc, never back.
/// </summary>
internal interface IWarcIndex
{
    /// <summary>The WARC records written for an observation, in the order they were written.</summary>
    Task<IReadOnlyList<WarcRecordLocation>> GetWarcRecordsAsync(long observationId, CancellationToken ct = default);

    /// <summary>Every WARC record the catalog knows, by file and offset.</summary>
    Task<IReadOnlyList<WarcRecordLocation>> GetAllWarcRecordsAsync(CancellationToken ct = default);

    /// <summary>An earlier response record of this URL with this payload digest: what a revisit record points to.</summary>
    Task<WarcRecordLocation?> FindResponseAsync(string targetUri, string payloadDigest, CancellationToken ct = default);

    /// <summary>
    /// An earlier response record with this payload digest, of <paramref name="preferredUri"/> when
    /// there is one, else of any URL (a stylesheet at <c>site.css?v=2</c> that <c>site.css?v=1</c>
    /// served, a font that another document's page loaded): what a subresource's revisit refers to.
    /// </summary>
    Task<WarcRecordLocation?> FindPayloadAsync(string payloadDigest, string preferredUri, CancellationToken ct = default);

    /// <summary>An earlier record with this role (screenshot, dom, text) and block digest, so the same bytes are not written twice.</summary>
    Task<WarcRecordLocation?> FindBlockAsync(string role, string blockDigest, CancellationToken ct = default);

    /// <summary>
    /// The response or revisit record of this exact URL whose date is nearest to <paramref name="at"/>
    /// (of two as near, the earlier), as a replay looks up the page and each resource it loads; null when the URL was never fetched.
    /// </summary>
    Task<WarcRecordLocation?> FindNearestResponseAsync(string targetUri, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// The same, among the URLs that are <paramref name="withoutQuery"/> followed by any query
    /// (<c>?</c>…): a script's cache-busting parameter differs at every load, the resource does not.
    /// </summary>
    Task<WarcRecordLocation?> FindNearestResponseWithAnyQueryAsync(string withoutQuery, DateTimeOffset at, CancellationToken ct = default);
}
