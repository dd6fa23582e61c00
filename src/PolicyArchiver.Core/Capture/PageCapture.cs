namespace PolicyArchiver.Capture;

/// <summary>The result of one attempt to fetch a document.</summary>
internal sealed record PageCapture(
    Outcome Outcome,
    int? HttpStatus,
    string? FinalUrl,
    string? Detail,
    IReadOnlyDictionary<string, string> Headers,
    byte[]? Body,
    string? Dom,
    byte[]? Screenshot,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Every HTTP exchange of the main document, redirects first: the WARC evidence of this attempt.</summary>
    public IReadOnlyList<ServedResponse> Hops { get; init; } = [];

    /// <summary>
    /// Every subresource exchange of the render (stylesheets, scripts, images, fonts, what scripts
    /// fetched, frames' documents): the WARC evidence of what the page was shown with. Empty when
    /// the page was not rendered.
    /// </summary>
    public IReadOnlyList<ServedResponse> Resources { get; init; } = [];

    public string? ContentType => Headers.TryGetValue("content-type", out var v) ? v : null;

    /// <summary>Whether trying again may succeed; a body over the size cap would be over it again.</summary>
    public bool IsTransient => Outcome switch
    {
        Model.Outcome.NetworkError or Model.Outcome.Timeout => true,
        Model.Outcome.HttpError => (HttpStatus is >= 500 or 429 or 408) && !(Hops.Count > 0 && Hops[^1].Truncated),
        _ => false,
    };

    public static PageCapture Failed(Outcome outcome, string detail, int? status = null, string? finalUrl = null) =>
        new(outcome, status, finalUrl, detail, new Dictionary<string, string>(), null, null, null);
}
