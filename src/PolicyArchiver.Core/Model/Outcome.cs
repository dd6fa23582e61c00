namespace PolicyArchiver.Model;

/// <summary>What one attempt to capture a document found. Only <see cref="Ok"/> can yield a snapshot.</summary>
public static class Outcome
{
    public const string Ok = "ok";
    /// <summary>404 or 410.</summary>
    public const string NotFound = "not-found";
    /// <summary>Any other 4xx or 5xx.</summary>
    public const string HttpError = "http-error";
    /// <summary>DNS failure, connection refused or reset, TLS failure.</summary>
    public const string NetworkError = "network-error";
    public const string Timeout = "timeout";
    /// <summary>Bot challenge, captcha, login wall or a page with no policy text.</summary>
    public const string Blocked = "blocked";

    public static readonly IReadOnlyList<string> All = [Ok, NotFound, HttpError, NetworkError, Timeout, Blocked];

    /// <summary>What an HTTP response's status makes of a capture, for live captures and imports alike.</summary>
    /// <param name="displayed">
    /// Whether the response is the one a browser ended on and showed (redirects already followed):
    /// then a 3xx is the page on screen. A 3xx read from an archive's records is the redirect itself,
    /// not the document.
    /// </param>
    public static string OfHttpStatus(int status, bool displayed) => status switch
    {
        >= 200 and < 300 => Ok,
        >= 300 and < 400 when displayed => Ok,
        404 or 410 => NotFound,
        _ => HttpError,
    };
}
