namespace PolicyArchiver.Storage;

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
}
